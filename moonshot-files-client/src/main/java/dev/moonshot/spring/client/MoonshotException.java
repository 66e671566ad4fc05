package dev.moonshot.spring.client;

import java.util.List;

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

	/** How many attempts the call made before it ended in this exception. */
	private int attempts = 1;

	/** Whether an earlier attempt of the call may have been processed by the provider without an answer. */
	private boolean precededByPossiblyProcessedAttempt;

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

	/**
	 * How many attempts the call made before it failed with this exception, this one's included.
	 * @return the number of attempts, at least 1
	 */
	public int getAttempts() {
		return this.attempts;
	}

	/**
	 * Whether an earlier attempt of the call may have been processed by the provider without an answer coming
	 * back: what a delete's 404 means depends on it.
	 */
	boolean isPrecededByPossiblyProcessedAttempt() {
		return this.precededByPossiblyProcessedAttempt;
	}

	/**
	 * Complete the exception that ends a call with what the call went through. Called once, by the call's retry
	 * state, before the exception is signalled to anyone.
	 * @param attempts attempts made, the last one's included
	 * @param earlier the exceptions of the earlier attempts, kept as suppressed exceptions
	 * @param possiblyProcessed whether one of the earlier attempts may have been processed
	 */
	void endsCall(int attempts, List<MoonshotException> earlier, boolean possiblyProcessed) {
		this.attempts = attempts;
		this.precededByPossiblyProcessedAttempt = possiblyProcessed;
		earlier.forEach(this::addSuppressed);
	}

}
