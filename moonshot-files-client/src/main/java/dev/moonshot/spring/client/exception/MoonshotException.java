package dev.moonshot.spring.client.exception;

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

	/** What kind of failure it is: what decides whether it is retryable. */
	private final MoonshotFailureKind failureKind;

	/** How many attempts the call made before it ended in this exception. */
	private final int attempts;

	/**
	 * Create an exception.
	 * @param message the detail message
	 * @param cause the underlying cause, if any
	 * @param failureKind what kind of failure it is
	 * @param attempts how many attempts the call made, this one's included
	 */
	protected MoonshotException(String message, @Nullable Throwable cause, MoonshotFailureKind failureKind,
			int attempts) {
		super(message, cause);
		this.failureKind = failureKind;
		this.attempts = attempts;
	}

	/**
	 * What kind of failure this is, from one closed list: the provider's error types of both protocols and every
	 * way a request can fail on its way. Switch on it to react by meaning.
	 * @return the kind
	 */
	public MoonshotFailureKind getFailureKind() {
		return this.failureKind;
	}

	/**
	 * Whether repeating the same call could succeed: {@code true} for transient conditions (rate limiting,
	 * provider-side failures, network errors), {@code false} when the request itself or the account must change
	 * first. Whether it is also <em>safe</em> to repeat depends on the operation (an upload is not idempotent).
	 * @return whether a retry could help, as {@link MoonshotFailureKind#isRetryable()} says for its kind
	 */
	public final boolean isRetryable() {
		return this.failureKind.isRetryable();
	}

	/**
	 * How many attempts the call made before it failed with this exception, this one's included. The failures of
	 * the earlier ones are this exception's suppressed exceptions.
	 * @return the number of attempts, at least 1
	 */
	public int getAttempts() {
		return this.attempts;
	}

}
