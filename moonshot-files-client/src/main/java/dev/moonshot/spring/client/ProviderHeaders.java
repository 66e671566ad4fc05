package dev.moonshot.spring.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * The provider's response headers that the client acts on, read in one place: the request id, the rate limit it
 * states ({@code X-RateLimit-*}) and the waits it asks for ({@code Retry-After}).
 */
final class ProviderHeaders {

	/** Header with the provider's id of the request. */
	static final String REQUEST_ID = "Msh-Request-Id";

	private ProviderHeaders() {
	}

	static @Nullable String requestId(HttpHeaders headers) {
		return headers.getFirst(REQUEST_ID);
	}

	/**
	 * What an answer said of the organization's rate limit.
	 * @param headers the answer's headers
	 * @param clock what an HTTP date in {@code X-RateLimit-Reset} is read against
	 * @return the stated limit, or {@code null} when the answer stated no {@code X-RateLimit-Remaining}
	 */
	static @Nullable RateLimitState rateLimit(HttpHeaders headers, Clock clock) {
		int remaining = count(headers.getFirst("X-RateLimit-Remaining"));
		if (remaining < 0) {
			return null;
		}
		return new RateLimitState(remaining, count(headers.getFirst("X-RateLimit-Limit")),
				retryAfter(headers.getFirst("X-RateLimit-Reset"), clock));
	}

	/**
	 * A non-negative count, or -1 when the header is absent or not a count: ASCII digits only that fit an int
	 * ({@code Integer.parseInt} alone would take a sign and other scripts' digits).
	 */
	static int count(@Nullable String header) {
		if (header == null) {
			return -1;
		}
		String trimmed = header.strip();
		if (!isAsciiDigits(trimmed)) {
			return -1;
		}
		try {
			return Integer.parseInt(trimmed);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/** Whether a value is one or more ASCII digits, the only digits HTTP's numbers are written in. */
	private static boolean isAsciiDigits(String value) {
		return !value.isEmpty() && value.chars().allMatch((c) -> c >= '0' && c <= '9');
	}

	/**
	 * Parse a {@code Retry-After} value: delay-seconds or an HTTP date.
	 * @param value the header value
	 * @param clock what a date is read against
	 * @return the wait (zero for a date in the past), or {@code null} if absent or unreadable
	 */
	static @Nullable Duration retryAfter(@Nullable String value, Clock clock) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.strip();
		// delay-seconds are ASCII digits (Character.isDigit would take any script's)
		if (isAsciiDigits(trimmed)) {
			try {
				return Duration.ofSeconds(Long.parseLong(trimmed));
			}
			catch (NumberFormatException ex) {
				return Duration.ofSeconds(Long.MAX_VALUE);
			}
		}
		try {
			Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration wait = Duration.between(clock.instant(), at);
			return wait.isNegative() ? Duration.ZERO : wait;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * The organization's bucket as an answer stated it.
	 *
	 * @param remaining {@code X-RateLimit-Remaining}
	 * @param limitPerMinute {@code X-RateLimit-Limit}, or -1 when not stated
	 * @param reset {@code X-RateLimit-Reset} as a wait, or {@code null}
	 */
	record RateLimitState(int remaining, int limitPerMinute, @Nullable Duration reset) {

	}

}
