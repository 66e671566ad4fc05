package dev.moonshot.spring.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * No connection to the provider could be made (refused, unknown host, no route): the request was certainly not
 * sent, so even an upload may be repeated.
 */
public class MoonshotConnectException extends MoonshotTransportException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message the detail message
	 * @param cause the underlying cause, if any
	 */
	public MoonshotConnectException(String message, @Nullable Throwable cause) {
		this(message, cause, 1);
	}

	MoonshotConnectException(String message, @Nullable Throwable cause, int attempts) {
		super(message, cause, MoonshotFailureKind.CONNECT_FAILED, attempts);
	}

}
