package dev.moonshot.spring.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * The retry policy of one call, as a Reactor {@link Retry}: decides after each failed attempt whether to try again
 * and after how long, and when it stops, records on the final exception how many attempts were made and keeps the
 * earlier failures as suppressed exceptions.
 * <p>
 * It retries only what {@link #mayRetry} allows for the operation, at most {@code maxAttempts} times, never when the
 * next attempt would start after the call's deadline, and only with a token from the client's {@link RetryBudget}.
 */
final class MoonshotRetry extends Retry {

	private final MoonshotRetrySettings settings;

	private final RetryBudget budget;

	private final boolean idempotent;

	private final CallState state;

	private final long deadlineAtMillis;

	private final Scheduler scheduler;

	private final String operation;

	private final MoonshotFilesClientListener listener;

	MoonshotRetry(MoonshotRetrySettings settings, RetryBudget budget, boolean idempotent, CallState state,
			long deadlineAtMillis, Scheduler scheduler, String operation, MoonshotFilesClientListener listener) {
		this.operation = operation;
		this.listener = listener;
		this.settings = settings;
		this.budget = budget;
		this.idempotent = idempotent;
		this.state = state;
		this.deadlineAtMillis = deadlineAtMillis;
		this.scheduler = scheduler;
	}

	@Override
	public Publisher<?> generateCompanion(Flux<RetrySignal> retrySignals) {
		return retrySignals.concatMap((signal) -> {
			Throwable failure = signal.failure();
			if (!(failure instanceof MoonshotException ex)) {
				return Mono.error(failure);
			}
			int attempts = this.state.attempts();
			if (!mayRetry(ex, this.idempotent) || attempts >= this.settings.maxAttempts()
					|| isCallTimeout(ex)) {
				return giveUp(ex, attempts, null);
			}
			Duration delay = delay(ex, attempts);
			if (this.scheduler.now(TimeUnit.MILLISECONDS) + delay.toMillis() >= this.deadlineAtMillis) {
				return giveUp(ex, attempts, "not retried: the call timeout would pass before the next attempt");
			}
			if (!this.budget.tryAcquire()) {
				return giveUp(ex, attempts, "not retried: the client's retry budget is used up");
			}
			this.state.failed(ex);
			this.listener.retrying(this.operation, reason(ex));
			return Mono.delay(delay, this.scheduler);
		});
	}

	private Mono<Long> giveUp(MoonshotException failure, int attempts, @Nullable String outcome) {
		failure.recordAttempts(attempts, outcome);
		this.state.earlierFailures().forEach(failure::addSuppressed);
		return Mono.error(failure);
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
	 * Whether a failure may be retried. Idempotent operations (reads, deletes) follow
	 * {@link MoonshotException#isRetryable()}. An upload is retried only when the request certainly did not reach the
	 * provider's processing: no connection, 429 (rate limited), 503. After a timeout, a reset or a 500 it may have
	 * been stored, and a duplicate would count against the file quota.
	 */
	static boolean mayRetry(MoonshotException failure, boolean idempotent) {
		if (!failure.isRetryable()) {
			return false;
		}
		if (idempotent) {
			return true;
		}
		return failure instanceof MoonshotConnectException || isConnectTimeout(failure)
				|| failure instanceof MoonshotRateLimitException
				|| (failure instanceof MoonshotApiException api && api.getStatusCode().value() == 503);
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

	static boolean isConnectTimeout(MoonshotException failure) {
		return failure instanceof MoonshotTimeoutException timeout
				&& timeout.getTimeoutType() == MoonshotTimeoutException.TimeoutType.CONNECT;
	}

}
