package dev.moonshot.spring.client;

import dev.moonshot.spring.client.exception.MoonshotMalformedResponseException;

/**
 * A content response that is neither text nor a JSON object carrying the text. Raised while decoding; the client
 * turns it into a {@link MoonshotMalformedResponseException} with the start of the body, the API key masked.
 */
final class UnreadableContentException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String reason;

	private final String body;

	/**
	 * @param reason what was wrong, e.g. {@code Content-Type application/octet-stream}
	 * @param body the body as text, unmasked: the translator masks it before anything keeps it
	 */
	UnreadableContentException(String reason, String body) {
		super(null, null, false, false);
		this.reason = reason;
		this.body = body;
	}

	String reason() {
		return this.reason;
	}

	String body() {
		return this.body;
	}

	@Override
	public String getMessage() {
		return this.reason;
	}

}
