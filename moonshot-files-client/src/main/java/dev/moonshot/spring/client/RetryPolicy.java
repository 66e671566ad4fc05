package dev.moonshot.spring.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import dev.moonshot.spring.client.exception.MoonshotFailure;
import dev.moonshot.spring.client.exception.MoonshotFailureKind;
import org.jspecify.annotations.Nullable;

/**
 * Whether a failed attempt is repeated, and after how long: the client's one retry decision. It reads the
 * {@link MoonshotFailure} of the attempt, the call's {@link CallState} and the operation's rule, and owns the
 * client's {@link RetryBudget}, which it alone takes from and refills.
 * <p>
 * A failure is retried only when its kind {@link MoonshotFailureKind#isRetryable() is retryable}, the operation may
 * be repeated after it, fewer than {@code maxAttempts} attempts were made, the next attempt would start before the
 * call's deadline, and the budget has a token.
 * <p>
 * One exception, the rotation race: an attempt answered {@code 401} while the credentials already give a newer key
 * than it sent is repeated once, at once, with that key, whatever the retry settings, the operation (a rejected key
 * means nothing was processed) and the budget say; it is not a retry of a fault, and a provider that rejects a key
 * is not failing.
 */
final class RetryPolicy {

	/** The retry reason of a repeat with a newer key. */
	static final String KEY_ROTATED = "key_rotated";

	private final MoonshotRetrySettings settings;

	private final RetryBudget budget;

	private final Predicate<CallState> newerKey;

	/**
	 * @param settings the client's retry settings
	 * @param newerKey whether the credentials give a newer key than the call's last attempt sent
	 */
	RetryPolicy(MoonshotRetrySettings settings, Predicate<CallState> newerKey) {
		this.settings = settings;
		this.budget = new RetryBudget(settings.budgetCapacity(), settings.budgetRefillPerSuccess());
		this.newerKey = newerKey;
	}

	/**
	 * Decide about a failed attempt.
	 * @param failure how it failed
	 * @param call the call so far
	 * @param mayRepeat whether the operation may be repeated after this failure
	 * @param nowMillis the time, on the clock of the call's deadline
	 * @return retry after a delay, or stop (saying why, when a retry the failure allowed was refused)
	 */
	Decision decide(MoonshotFailure failure, CallState call, boolean mayRepeat, long nowMillis) {
		boolean retryable = failure.kind().isRetryable();
		if (!retryable && failure.delivery() == MoonshotFailure.Delivery.ANSWERED) {
			// an answer that retrying cannot change shows a healthy provider
			this.budget.onSuccess();
		}
		if (failure.kind() == MoonshotFailureKind.AUTHENTICATION && call.mayRepeatWithNewerKey()
				&& this.newerKey.test(call)) {
			call.repeatingWithNewerKey();
			return new Decision(Duration.ZERO, KEY_ROTATED, null);
		}
		if (!this.settings.enabled() || !retryable || !mayRepeat || call.attempts() >= this.settings.maxAttempts()) {
			return Decision.STOP;
		}
		Duration delay = delay(failure, call.attempts());
		if (nowMillis + delay.toMillis() >= call.deadlineAtMillis()) {
			return new Decision(null, null, "not retried: the call timeout would pass before the next attempt");
		}
		if (!this.budget.tryAcquire()) {
			return new Decision(null, null, "not retried: the client's retry budget is used up");
		}
		return new Decision(delay, failure.kind().getRetryReason(), null);
	}

	/** A call succeeded: the provider is healthy. */
	void succeeded() {
		this.budget.onSuccess();
	}

	/**
	 * How long to wait before the next attempt: the provider's {@code Retry-After} when it sent one, else an
	 * exponential backoff with jitter; never more than {@code maxBackoff}.
	 */
	Duration delay(MoonshotFailure failure, int attempts) {
		if (failure.retryAfter() != null) {
			return this.settings.capped(failure.retryAfter());
		}
		long initial = this.settings.initialBackoff().toMillis();
		long exponential = (attempts - 1 >= 62 || initial > (Long.MAX_VALUE >> (attempts - 1))) ? Long.MAX_VALUE
				: initial << (attempts - 1);
		long base = Math.min(exponential, this.settings.maxBackoff().toMillis());
		long jitter = (long) (base * this.settings.jitter() * ThreadLocalRandom.current().nextDouble());
		return Duration.ofMillis(base - jitter);
	}

	/**
	 * Retry after {@code delay}, or stop.
	 *
	 * @param delay the wait before the next attempt, {@code null} to stop
	 * @param reason why the attempt is repeated (the retry reason of metrics and traces), when it is
	 * @param refusal why a retry the failure allowed was not made, or {@code null}
	 */
	record Decision(@Nullable Duration delay, @Nullable String reason, @Nullable String refusal) {

		static final Decision STOP = new Decision(null, null, null);

	}

}
