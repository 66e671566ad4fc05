package dev.moonshot.spring.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * A response arrived but could not be read as the operation's result: invalid JSON, a body of the wrong shape, or a
 * connection that closed in the middle of the body. Retryable: the next answer may well be whole.
 */
public class MoonshotMalformedResponseException extends MoonshotTransportException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message the detail message
	 * @param cause the underlying cause, if any
	 */
	public MoonshotMalformedResponseException(String message, @Nullable Throwable cause) {
		this(message, cause, MoonshotFailureKind.MALFORMED_RESPONSE, 1);
	}

	MoonshotMalformedResponseException(String message, @Nullable Throwable cause, int attempts) {
		this(message, cause, MoonshotFailureKind.MALFORMED_RESPONSE, attempts);
	}

	/**
	 * Create an exception of a given kind.
	 * @param message the detail message
	 * @param cause the underlying cause, if any
	 * @param failureKind what kind of failure it is
	 * @param attempts how many attempts the call made
	 */
	protected MoonshotMalformedResponseException(String message, @Nullable Throwable cause,
			MoonshotFailureKind failureKind, int attempts) {
		super(message, cause, failureKind, attempts);
	}

}
