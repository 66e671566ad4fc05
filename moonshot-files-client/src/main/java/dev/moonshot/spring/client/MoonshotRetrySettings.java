package dev.moonshot.spring.client;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How the client retries a failed call.
 * <p>
 * What is retried depends on the failure and the operation: reads and deletes (idempotent) are retried after
 * connection failures, timeouts, 408, 429 (rate limited or overloaded, never {@code exceeded_current_quota_error}),
 * 500, 502, 503 and 504; an upload only when the request certainly did not reach the provider's processing (the
 * connection could not be made, 429, 503). Waits grow exponentially from {@code initialBackoff} with random jitter,
 * never beyond {@code maxBackoff}; a {@code Retry-After} from the provider is honoured, capped at {@code maxBackoff}.
 * <p>
 * A retry budget shared by all calls of a client keeps an outage from being amplified: every retry spends one token,
 * every successful response refills {@code budgetRefillPerSuccess} tokens up to {@code budgetCapacity}; without a
 * token the call fails at once. First attempts never wait for the budget.
 *
 * @param enabled whether failed calls are retried at all
 * @param maxAttempts most attempts per call, the first included (1 means no retry)
 * @param initialBackoff wait before the first retry, before jitter
 * @param maxBackoff longest wait between two attempts, also the cap on {@code Retry-After}
 * @param jitter share of each wait that is random, from 0 (none) to 1
 * @param budgetCapacity most retry tokens the budget holds (and holds at the start)
 * @param budgetRefillPerSuccess tokens a successful response adds to the budget
 */
public record MoonshotRetrySettings(boolean enabled, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
		double jitter, int budgetCapacity, double budgetRefillPerSuccess) {

	/**
	 * Create settings, checking each value.
	 * @param enabled whether failed calls are retried at all
	 * @param maxAttempts most attempts per call, the first included (1 means no retry)
	 * @param initialBackoff wait before the first retry, before jitter
	 * @param maxBackoff longest wait between two attempts, also the cap on {@code Retry-After}
	 * @param jitter share of each wait that is random, from 0 (none) to 1
	 * @param budgetCapacity most retry tokens the budget holds (and holds at the start)
	 * @param budgetRefillPerSuccess tokens a successful response adds to the budget
	 */
	public MoonshotRetrySettings {
		Assert.isTrue(maxAttempts >= 1, () -> "maxAttempts must be at least 1, got " + maxAttempts);
		Assert.notNull(initialBackoff, "initialBackoff must not be null");
		Assert.notNull(maxBackoff, "maxBackoff must not be null");
		Assert.isTrue(!initialBackoff.isNegative(), () -> "initialBackoff must not be negative, got " + initialBackoff);
		Assert.isTrue(maxBackoff.compareTo(initialBackoff) >= 0,
				() -> "maxBackoff (" + maxBackoff + ") must not be less than initialBackoff (" + initialBackoff + ")");
		Assert.isTrue(jitter >= 0 && jitter <= 1, () -> "jitter must be between 0 and 1, got " + jitter);
		Assert.isTrue(budgetCapacity >= 0, () -> "budgetCapacity must not be negative, got " + budgetCapacity);
		Assert.isTrue(budgetRefillPerSuccess >= 0,
				() -> "budgetRefillPerSuccess must not be negative, got " + budgetRefillPerSuccess);
	}

	/**
	 * The defaults: 3 attempts, backoff from 500 ms up to 8 s with 50 % jitter, a budget of 20 retries refilled by a
	 * tenth of a retry per success (sustained retries stay under 10 % of the traffic).
	 * @return the default settings
	 */
	public static MoonshotRetrySettings defaults() {
		return new MoonshotRetrySettings(true, 3, Duration.ofMillis(500), Duration.ofSeconds(8), 0.5, 20, 0.1);
	}

	/**
	 * No retries: every call makes exactly one attempt.
	 * @return settings that never retry
	 */
	public static MoonshotRetrySettings disabled() {
		return defaults().withEnabled(false);
	}

	/**
	 * Copy with another {@code enabled}.
	 * @param enabled whether to retry
	 * @return the new settings
	 */
	public MoonshotRetrySettings withEnabled(boolean enabled) {
		return new MoonshotRetrySettings(enabled, this.maxAttempts, this.initialBackoff, this.maxBackoff, this.jitter,
				this.budgetCapacity, this.budgetRefillPerSuccess);
	}

	/**
	 * Copy with another {@code maxAttempts}.
	 * @param maxAttempts most attempts per call
	 * @return the new settings
	 */
	public MoonshotRetrySettings withMaxAttempts(int maxAttempts) {
		return new MoonshotRetrySettings(this.enabled, maxAttempts, this.initialBackoff, this.maxBackoff, this.jitter,
				this.budgetCapacity, this.budgetRefillPerSuccess);
	}

	/**
	 * Copy with other backoff bounds.
	 * @param initialBackoff wait before the first retry
	 * @param maxBackoff longest wait, also the cap on {@code Retry-After}
	 * @return the new settings
	 */
	public MoonshotRetrySettings withBackoff(Duration initialBackoff, Duration maxBackoff) {
		return new MoonshotRetrySettings(this.enabled, this.maxAttempts, initialBackoff, maxBackoff, this.jitter,
				this.budgetCapacity, this.budgetRefillPerSuccess);
	}

	/**
	 * Copy with another jitter.
	 * @param jitter share of each wait that is random
	 * @return the new settings
	 */
	public MoonshotRetrySettings withJitter(double jitter) {
		return new MoonshotRetrySettings(this.enabled, this.maxAttempts, this.initialBackoff, this.maxBackoff, jitter,
				this.budgetCapacity, this.budgetRefillPerSuccess);
	}

	/**
	 * Copy with another retry budget.
	 * @param capacity most retry tokens
	 * @param refillPerSuccess tokens added by each successful response
	 * @return the new settings
	 */
	public MoonshotRetrySettings withBudget(int capacity, double refillPerSuccess) {
		return new MoonshotRetrySettings(this.enabled, this.maxAttempts, this.initialBackoff, this.maxBackoff,
				this.jitter, capacity, refillPerSuccess);
	}

	/**
	 * A wait the provider asked for, never longer than the longest backoff: the one cap of every wait.
	 * @param wait the wait
	 * @return the wait, or {@link #maxBackoff()} if that is shorter
	 */
	Duration capped(Duration wait) {
		return (wait.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : wait;
	}

}
