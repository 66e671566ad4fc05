package dev.moonshot.spring.test;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * The organization's rate limit the fake enforces: a token bucket and a most-in-flight count shared by every client
 * of the fake, as the provider's. Its state is guarded by its own monitor.
 */
final class FakeRateLimiter {

	private @Nullable FakeRateLimit limit;

	private double tokens;

	private long refilledAtNanos;

	private int inFlight;

	private int refused;

	synchronized void set(@Nullable FakeRateLimit limit) {
		this.limit = limit;
		this.tokens = (limit != null) ? limit.burst() : 0;
		this.refilledAtNanos = System.nanoTime();
		this.inFlight = 0;
	}

	synchronized boolean isLimited() {
		return this.limit != null;
	}

	/**
	 * Take a token and a place for a request.
	 * @param headers where the provider's {@code X-RateLimit-*} and {@code Retry-After} headers go
	 * @return {@code null} when admitted (call {@link #released()} once answered), else the seconds to wait
	 */
	synchronized @Nullable Long admit(HttpHeaders headers) {
		FakeRateLimit current = this.limit;
		if (current == null) {
			return null;
		}
		long now = System.nanoTime();
		this.tokens = Math.min(current.burst(),
				this.tokens + (now - this.refilledAtNanos) / 1e9 * current.requestsPerSecond());
		this.refilledAtNanos = now;
		boolean admitted = this.tokens >= 1 && this.inFlight < current.maxConcurrent();
		if (current.rateLimitHeaders()) {
			headers.set("X-RateLimit-Limit", String.valueOf(Math.round(current.requestsPerSecond() * 60)));
			headers.set("X-RateLimit-Remaining", String.valueOf((int) Math.max(0, this.tokens - (admitted ? 1 : 0))));
			headers.set("X-RateLimit-Reset", String.valueOf((long) Math.ceil(
					(current.burst() - this.tokens + (admitted ? 1 : 0)) / current.requestsPerSecond())));
		}
		if (admitted) {
			this.tokens -= 1;
			this.inFlight++;
			return null;
		}
		this.refused++;
		double secondsToToken = (this.tokens >= 1) ? 0 : (1 - this.tokens) / current.requestsPerSecond();
		long retryAfter = Math.max(1, (long) Math.ceil(secondsToToken));
		headers.set("Retry-After", String.valueOf(retryAfter));
		return retryAfter;
	}

	synchronized void released() {
		this.inFlight = Math.max(0, this.inFlight - 1);
	}

	synchronized int refusedCount() {
		return this.refused;
	}

	synchronized void reset() {
		this.refused = 0;
		set(null);
	}

}
