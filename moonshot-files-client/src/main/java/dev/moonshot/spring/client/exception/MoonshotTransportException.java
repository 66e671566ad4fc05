package dev.moonshot.spring.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * No usable response arrived: the connection was refused, reset or closed before a response, or a lower layer
 * failed. The cause is the underlying I/O exception (never an object that holds the request's headers).
 * Retryable: nothing the provider processed is known to have failed.
 *
 * @see MoonshotTimeoutException
 * @see MoonshotMalformedResponseException
 */
public class MoonshotTransportException extends MoonshotException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message the detail message
	 * @param cause the underlying cause, if any
	 */
	public MoonshotTransportException(String message, @Nullable Throwable cause) {
		this(message, cause, MoonshotFailureKind.CONNECTION_LOST, 1);
	}

	/**
	 * Create an exception of a given kind.
	 * @param message the detail message
	 * @param cause the underlying cause, if any
	 * @param failureKind what kind of failure it is
	 * @param attempts how many attempts the call made
	 */
	protected MoonshotTransportException(String message, @Nullable Throwable cause, MoonshotFailureKind failureKind,
			int attempts) {
		super(message, cause, failureKind, attempts);
	}

}
