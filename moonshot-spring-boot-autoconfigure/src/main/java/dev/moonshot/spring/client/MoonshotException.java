package dev.moonshot.spring.client;

import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedRuntimeException;

/**
 * Root of every exception the Moonshot client raises for a failed call.
 * <p>
 * Two branches sit below it: {@link MoonshotApiException} when the provider answered with an error status, and
 * {@link MoonshotTransportException} when no usable answer arrived (connection failure, timeout, malformed
 * response). Catch by meaning, never by parsing messages. No message of this hierarchy contains the API key or any
 * request header.
 */
public abstract class MoonshotException extends NestedRuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception with a message and an optional cause.
	 * @param message the detail message
	 * @param cause the underlying cause, if any
	 */
	protected MoonshotException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

	/**
	 * Whether repeating the same call could succeed: {@code true} for transient conditions (rate limiting,
	 * provider-side failures, network errors), {@code false} when the request itself or the account must change
	 * first. Whether it is also <em>safe</em> to repeat depends on the operation (an upload is not idempotent).
	 * @return whether a retry could help
	 */
	public abstract boolean isRetryable();

}
