package dev.moonshot.spring.client;

/**
 * The pace of one bulk operation, learned from the provider's {@code X-RateLimit-*} headers: a rate (its owner
 * spaces the requests evenly at it) that never exceeds the limit the provider states ({@code X-RateLimit-Limit}, per
 * minute) and follows the level of the organization's bucket ({@code X-RateLimit-Remaining}), which every replica and
 * every service of the organization drains together:
 * <ul>
 * <li>a bucket as full as it was ever seen means the organization leaves capacity unused: the rate grows by a fifth
 * of the stated limit per second;</li>
 * <li>a bucket at least three quarters full: the rate grows by a twentieth of the limit per second;</li>
 * <li>a bucket between half and three quarters full: the rate holds;</li>
 * <li>a bucket under half full: the rate drops, at most once per tenth of a second (about the time an answer to the
 * lower rate takes to show), long before the provider has to refuse anything; by half when this client runs at the
 * whole limit, by about a quarter when it runs at a small share of it;</li>
 * <li>a 429 {@code rate_limit_reached_error}: the rate halves, at most once per tenth of a second.</li>
 * </ul>
 * A refused request costs the whole client the provider's {@code Retry-After} (whole seconds), so the bucket is kept
 * in its upper half, where the jitter of several replicas does not reach the bottom.
 * Growth is the same amount per second whatever the rate, and a larger share drops by more: replicas sharing one
 * limit converge to equal shares (the AIMD argument), and they all read the same bucket, so they back off together.
 * Until the provider states a limit there is no pacing: the bulk operation runs on its adaptive concurrency alone.
 * Times are in nanoseconds on the caller's clock; not thread-safe on its own, its owner synchronizes.
 */
final class AdaptiveRate {

	private static final long DECREASE_SPACING_NANOS = 100_000_000L;

	private static final double MIN_RATE = 0.5;

	/** The provider's stated limit, per second; 0 while unknown. */
	private double ceiling;

	/** The pace, per second; 0 while there is no pacing. */
	private double rate;

	/** The fullest the bucket was seen since the limit was stated. */
	private int fullest;

	private long lastDecreaseNanos = Long.MIN_VALUE;

	private long lastHalvingNanos = Long.MIN_VALUE;

	/**
	 * An answer's {@code X-RateLimit-*} headers.
	 * @param nowNanos the clock now
	 * @param remaining what the bucket held after the request
	 * @param limitPerMinute the stated limit, or a negative value when the answer stated none
	 */
	void observe(long nowNanos, int remaining, int limitPerMinute) {
		if (limitPerMinute > 0 && limitPerMinute / 60.0 != this.ceiling) {
			// a new limit (or the first): follow it at once, and learn the new bucket's size
			this.ceiling = limitPerMinute / 60.0;
			this.rate = (this.rate == 0) ? this.ceiling : Math.min(this.rate, this.ceiling);
			this.fullest = 0;
		}
		if (this.rate == 0) {
			return;
		}
		this.fullest = Math.max(this.fullest, remaining);
		if (remaining * 2 < this.fullest) {
			decrease(nowNanos, Math.max(0.5, 0.85 - 0.35 * this.rate / this.ceiling));
		}
		else if (remaining == this.fullest) {
			grow(0.2);
		}
		else if (remaining * 4 >= this.fullest * 3) {
			grow(0.05);
		}
	}

	/** Grow the rate by a share of the limit per second, whatever the rate: replicas converge to equal shares. */
	private void grow(double shareOfLimitPerSecond) {
		this.rate = Math.min(this.ceiling, this.rate + shareOfLimitPerSecond * this.ceiling / this.rate);
	}

	/**
	 * The provider refused a request for the rate.
	 * @param nowNanos the clock now
	 */
	void rateLimited(long nowNanos) {
		if (this.rate != 0 && (this.lastHalvingNanos == Long.MIN_VALUE
				|| nowNanos - this.lastHalvingNanos >= DECREASE_SPACING_NANOS)) {
			this.rate = Math.max(MIN_RATE, this.rate / 2);
			this.lastHalvingNanos = nowNanos;
			this.lastDecreaseNanos = nowNanos;
		}
	}

	/** The pace, per second; 0 while there is none. */
	double rate() {
		return this.rate;
	}

	private void decrease(long nowNanos, double factor) {
		if (this.lastDecreaseNanos != Long.MIN_VALUE && nowNanos - this.lastDecreaseNanos < DECREASE_SPACING_NANOS) {
			return;
		}
		this.rate = Math.max(MIN_RATE, this.rate * factor);
		this.lastDecreaseNanos = nowNanos;
	}

}
