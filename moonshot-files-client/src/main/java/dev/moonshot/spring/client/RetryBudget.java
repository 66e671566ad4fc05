package dev.moonshot.spring.client;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket shared by the calls of one client: a retry spends a token, a successful response refills a
 * fraction of one. When the provider is down nothing refills it, so after at most {@code capacity} retries calls fail
 * on their first error instead of multiplying the load on a struggling service.
 */
final class RetryBudget {

	private static final long SCALE = 1000;

	private final long capacity;

	private final long refill;

	private final AtomicLong tokens;

	RetryBudget(int capacity, double refillPerSuccess) {
		this.capacity = capacity * SCALE;
		this.refill = Math.round(refillPerSuccess * SCALE);
		this.tokens = new AtomicLong(this.capacity);
	}

	/**
	 * Spend a token for a retry.
	 * @return whether the retry may go ahead
	 */
	boolean tryAcquire() {
		long current;
		do {
			current = this.tokens.get();
			if (current < SCALE) {
				return false;
			}
		}
		while (!this.tokens.compareAndSet(current, current - SCALE));
		return true;
	}

	/**
	 * Refill after a successful response.
	 */
	void onSuccess() {
		long current;
		do {
			current = this.tokens.get();
			if (current >= this.capacity) {
				return;
			}
		}
		while (!this.tokens.compareAndSet(current, Math.min(this.capacity, current + this.refill)));
	}

}
