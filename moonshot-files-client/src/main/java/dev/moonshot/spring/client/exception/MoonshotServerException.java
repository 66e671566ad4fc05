package dev.moonshot.spring.client.exception;

/**
 * 5xx: the provider or a gateway in front of it failed ({@code server_error}, "Failed to extract file", an HTML 502
 * page, an empty 503). 500, 502, 503 and 504 are retryable; other 5xx statuses (501, 505, ...) are not.
 */
public class MoonshotServerException extends MoonshotApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message the detail message
	 * @param error what the provider said
	 */
	public MoonshotServerException(String message, MoonshotApiError error) {
		super(message, error);
	}

	MoonshotServerException(String message, MoonshotApiError error, int attempts) {
		super(message, error, attempts);
	}

}
