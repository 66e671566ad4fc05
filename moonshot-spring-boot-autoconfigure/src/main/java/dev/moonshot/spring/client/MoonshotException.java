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

	private int attempts = 1;

	private @Nullable String retryOutcome;

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
	 * The detail message, followed by what the retry policy did when more than one attempt was made or a retry was
	 * refused, e.g. {@code [gave up after 3 attempts]}.
	 */
	@Override
	public String getMessage() {
		String message = super.getMessage();
		if (this.attempts <= 1 && this.retryOutcome == null) {
			return message;
		}
		StringBuilder out = new StringBuilder(String.valueOf(message)).append(" [");
		if (this.attempts > 1) {
			out.append("gave up after ").append(this.attempts).append(" attempts");
		}
		if (this.retryOutcome != null) {
			out.append((this.attempts > 1) ? ": " : "").append(this.retryOutcome);
		}
		return out.append(']').toString();
	}

	/**
	 * Record what the retry policy did before giving up.
	 * @param attempts attempts made, this one's included
	 * @param retryOutcome why no further attempt was made, when that is news (budget, deadline), else {@code null}
	 */
	void recordAttempts(int attempts, @Nullable String retryOutcome) {
		this.attempts = attempts;
		this.retryOutcome = retryOutcome;
	}

}
