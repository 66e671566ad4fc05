package dev.moonshot.spring.test;

/**
 * The organization-wide rate limit of a {@link MoonshotFakeServer}: a token bucket of {@code requestsPerSecond} with
 * room for {@code burst} requests, and at most {@code maxConcurrent} requests in progress. Every client pointed at the
 * fake shares it, as replicas share the provider's limit. A request over it gets 429 {@code rate_limit_reached_error}
 * with {@code Retry-After} in whole seconds and, when asked for, {@code X-RateLimit-Limit} (requests per minute),
 * {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} (seconds until the bucket is full).
 *
 * @param requestsPerSecond the sustained rate
 * @param burst most requests at once after a quiet spell
 * @param maxConcurrent most requests in progress at a time
 * @param rateLimitHeaders whether to send the {@code X-RateLimit-*} headers
 */
public record FakeRateLimit(double requestsPerSecond, int burst, int maxConcurrent, boolean rateLimitHeaders) {

	/**
	 * Check the values.
	 * @param requestsPerSecond the sustained rate
	 * @param burst most requests at once after a quiet spell
	 * @param maxConcurrent most requests in progress at a time
	 * @param rateLimitHeaders whether to send the {@code X-RateLimit-*} headers
	 */
	public FakeRateLimit {
		if (requestsPerSecond <= 0 || burst < 1 || maxConcurrent < 1) {
			throw new IllegalArgumentException("a rate limit needs a positive rate, a burst and a concurrency of at "
					+ "least 1, got " + requestsPerSecond + "/s, " + burst + ", " + maxConcurrent);
		}
	}

}
