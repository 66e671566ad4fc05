package dev.moonshot.spring.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * The retry layer of one call, as a Reactor {@link Retry}: after each failed attempt it decides, from the call's
 * {@link CallState} and the {@link AttemptFailure} alone, whether to try again and after how long; when it stops, it
 * signals the call's final exception, built once by the state.
 * <p>
 * A failure is retried only when its exception {@link MoonshotException#isRetryable() is retryable}, the operation
 * allows repeating it after such a failure, fewer than {@code maxAttempts} attempts were made, the next attempt would
 * start before the call's deadline, and the client's {@link RetryBudget} has a token. Each retry is reported as an
 * event of the call's observation.
 */
final class MoonshotRetry extends Retry {

	private final MoonshotRetrySettings settings;

	private final RetryBudget budget;

	private final Predicate<AttemptFailure> mayRepeat;

	private final CallState state;

	private final Scheduler scheduler;

	private final @Nullable Observation observation;

	/**
	 * @param mayRepeat the operation's own rule: whether it may be repeated after a (retryable) failure
	 * @param observation the call's observation, to report retries to, if it is observed
	 */
	MoonshotRetry(MoonshotRetrySettings settings, RetryBudget budget, Predicate<AttemptFailure> mayRepeat,
			CallState state, Scheduler scheduler, @Nullable Observation observation) {
		this.settings = settings;
		this.budget = budget;
		this.mayRepeat = mayRepeat;
		this.state = state;
		this.scheduler = scheduler;
		this.observation = observation;
	}

	@Override
	public Publisher<?> generateCompanion(Flux<RetrySignal> retrySignals) {
		return retrySignals.concatMap((signal) -> {
			if (!(signal.failure() instanceof AttemptFailure failure)) {
				return Mono.error(signal.failure());
			}
			MoonshotException exception = failure.exception();
			if (!exception.isRetryable() || !this.mayRepeat.test(failure)) {
				if (!exception.isRetryable() && failure.delivery() == AttemptFailure.Delivery.ANSWERED) {
					// an answer that retrying cannot change shows a healthy provider
					this.budget.onSuccess();
				}
				return Mono.error(this.state.fail(failure, null));
			}
			if (this.state.attempts() >= this.settings.maxAttempts() || isCallTimeout(exception)) {
				return Mono.error(this.state.fail(failure, null));
			}
			Duration delay = delay(exception, this.state.attempts());
			if (this.scheduler.now(TimeUnit.MILLISECONDS) + delay.toMillis() >= this.state.deadlineAtMillis()) {
				return Mono.error(this.state.fail(failure,
						"not retried: the call timeout would pass before the next attempt"));
			}
			if (!this.budget.tryAcquire()) {
				return Mono.error(this.state.fail(failure, "not retried: the client's retry budget is used up"));
			}
			this.state.retrying(failure);
			CallObservation.retrying(this.observation, reason(exception));
			return Mono.delay(delay, this.scheduler);
		});
	}

	/**
	 * How long to wait before the next attempt: the provider's {@code Retry-After} when it sent one, else an
	 * exponential backoff with jitter; never more than {@code maxBackoff}.
	 */
	Duration delay(MoonshotException failure, int attempts) {
		Duration max = this.settings.maxBackoff();
		if (failure instanceof MoonshotRateLimitException rateLimited && rateLimited.getRetryAfter() != null) {
			Duration retryAfter = rateLimited.getRetryAfter();
			return (retryAfter.compareTo(max) > 0) ? max : retryAfter;
		}
		long initial = this.settings.initialBackoff().toMillis();
		long exponential = (attempts - 1 >= 62 || initial > (Long.MAX_VALUE >> (attempts - 1))) ? Long.MAX_VALUE
				: initial << (attempts - 1);
		long base = Math.min(exponential, max.toMillis());
		long jitter = (long) (base * this.settings.jitter() * ThreadLocalRandom.current().nextDouble());
		return Duration.ofMillis(base - jitter);
	}

	/**
	 * Why a failure is retried, from a bounded set (a metric tag).
	 */
	static String reason(MoonshotException failure) {
		if (failure instanceof MoonshotRateLimitException) {
			return "rate_limited";
		}
		if (failure instanceof MoonshotApiException) {
			return "server_error";
		}
		if (failure instanceof MoonshotTimeoutException) {
			return "timeout";
		}
		if (failure instanceof MoonshotMalformedResponseException) {
			return "malformed_response";
		}
		return "connection";
	}

	private static boolean isCallTimeout(MoonshotException failure) {
		return failure instanceof MoonshotTimeoutException timeout
				&& timeout.getTimeoutType() == MoonshotTimeoutException.TimeoutType.CALL;
	}

}
