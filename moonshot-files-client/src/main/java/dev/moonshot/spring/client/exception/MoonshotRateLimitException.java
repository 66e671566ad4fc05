package dev.moonshot.spring.client.exception;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * 429 Too Many Requests because a rate limit of the account was reached ({@code rate_limit_reached_error}) or the
 * provider is overloaded ({@code engine_overloaded_error}). Retryable after a pause: {@link #getRetryAfter()} says
 * how long the provider asked to wait, when it said so.
 *
 * @see MoonshotQuotaExceededException for the 429 that retrying cannot fix
 */
public class MoonshotRateLimitException extends MoonshotApiException {

	private static final long serialVersionUID = 1L;

	/** How long the provider asked to wait ({@code Retry-After}), when it said. */
	private final @Nullable Duration retryAfter;

	/**
	 * Create the exception.
	 * @param message the detail message
	 * @param error what the provider said
	 * @param retryAfter the wait the provider asked for in {@code Retry-After}, or {@code null}
	 */
	public MoonshotRateLimitException(String message, MoonshotApiError error, @Nullable Duration retryAfter) {
		this(message, error, retryAfter, 1);
	}

	MoonshotRateLimitException(String message, MoonshotApiError error, @Nullable Duration retryAfter, int attempts) {
		super(message, error, attempts);
		this.retryAfter = retryAfter;
	}

	/**
	 * The wait the provider asked for in its {@code Retry-After} header (seconds or an HTTP date).
	 * @return the wait, or {@code null} when the response did not say
	 */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

}
