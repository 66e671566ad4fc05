package dev.moonshot.spring.client;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.http.HttpStatusCode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retry policy on its own, in virtual time: what is retried, how long it waits, and when it stops.
 */
class MoonshotRetryTests {

	private static final MoonshotFilesClientListener NO_LISTENER = new MoonshotFilesClientListener() {
	};

	private static final MoonshotRetrySettings NO_JITTER = MoonshotRetrySettings.defaults()
		.withBackoff(Duration.ofMillis(500), Duration.ofSeconds(8))
		.withJitter(0);

	@Test
	void backoffDoublesUpToTheCap() {
		MoonshotRetry retry = retry(NO_JITTER.withMaxAttempts(10), true);
		MoonshotException failure = status(503);

		assertThat(retry.delay(failure, 1)).isEqualTo(Duration.ofMillis(500));
		assertThat(retry.delay(failure, 2)).isEqualTo(Duration.ofSeconds(1));
		assertThat(retry.delay(failure, 4)).isEqualTo(Duration.ofSeconds(4));
		assertThat(retry.delay(failure, 5)).isEqualTo(Duration.ofSeconds(8));
		assertThat(retry.delay(failure, 9)).isEqualTo(Duration.ofSeconds(8));
		assertThat(retry.delay(failure, 70)).isEqualTo(Duration.ofSeconds(8));
	}

	@Test
	void jitterOnlyShortensTheWait() {
		MoonshotRetry retry = retry(NO_JITTER.withJitter(0.5), true);
		for (int i = 0; i < 200; i++) {
			assertThat(retry.delay(status(503), 2)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
		}
	}

	@Test
	void retryAfterIsHonouredAndCapped() {
		MoonshotRetry retry = retry(NO_JITTER, true);

		assertThat(retry.delay(rateLimited(Duration.ofSeconds(2)), 1)).isEqualTo(Duration.ofSeconds(2));
		assertThat(retry.delay(rateLimited(Duration.ofHours(3)), 1)).isEqualTo(Duration.ofSeconds(8));
		assertThat(retry.delay(rateLimited(null), 1)).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void whatIsRetriedForReadsAndDeletes() {
		for (int retried : new int[] { 408, 500, 502, 503, 504 }) {
			assertThat(MoonshotRetry.mayRetry(status(retried), true)).as("status %d", retried).isTrue();
		}
		for (int notRetried : new int[] { 400, 401, 403, 404, 418, 501 }) {
			assertThat(MoonshotRetry.mayRetry(status(notRetried), true)).as("status %d", notRetried).isFalse();
		}
		assertThat(MoonshotRetry.mayRetry(rateLimited(null), true)).isTrue();
		assertThat(MoonshotRetry.mayRetry(quota(), true)).isFalse();
		assertThat(MoonshotRetry.mayRetry(new MoonshotConnectException("refused", null), true)).isTrue();
		assertThat(MoonshotRetry.mayRetry(new MoonshotTransportException("reset", null), true)).isTrue();
		assertThat(MoonshotRetry.mayRetry(timeout(MoonshotTimeoutException.TimeoutType.RESPONSE), true)).isTrue();
		assertThat(MoonshotRetry.mayRetry(new MoonshotMalformedResponseException("garbage", null), true)).isTrue();
	}

	@Test
	void anUploadIsRetriedOnlyWhenItCertainlyWasNotProcessed() {
		assertThat(MoonshotRetry.mayRetry(new MoonshotConnectException("refused", null), false)).isTrue();
		assertThat(MoonshotRetry.mayRetry(timeout(MoonshotTimeoutException.TimeoutType.CONNECT), false)).isTrue();
		assertThat(MoonshotRetry.mayRetry(rateLimited(null), false)).isTrue();
		assertThat(MoonshotRetry.mayRetry(status(503), false)).isTrue();

		assertThat(MoonshotRetry.mayRetry(timeout(MoonshotTimeoutException.TimeoutType.RESPONSE), false)).isFalse();
		assertThat(MoonshotRetry.mayRetry(new MoonshotTransportException("reset", null), false)).isFalse();
		assertThat(MoonshotRetry.mayRetry(new MoonshotMalformedResponseException("garbage", null), false)).isFalse();
		assertThat(MoonshotRetry.mayRetry(status(500), false)).isFalse();
		assertThat(MoonshotRetry.mayRetry(status(502), false)).isFalse();
		assertThat(MoonshotRetry.mayRetry(status(504), false)).isFalse();
		assertThat(MoonshotRetry.mayRetry(quota(), false)).isFalse();
	}

	@Test
	void waitsWhatRetryAfterSaysInVirtualTime() {
		StepVerifier.withVirtualTime(() -> {
			AtomicInteger calls = new AtomicInteger();
			CallState state = new CallState();
			return Mono.defer(() -> (calls.incrementAndGet() == 1) ? Mono.error(rateLimited(Duration.ofSeconds(2)))
					: Mono.just(calls.get()))
				.doOnSubscribe((s) -> state.attemptStarted())
				.retryWhen(new MoonshotRetry(NO_JITTER, new RetryBudget(10, 0), true, state, Long.MAX_VALUE,
						Schedulers.parallel(), "list", NO_LISTENER));
		})
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(1999))
			.thenAwait(Duration.ofMillis(1))
			.expectNext(2)
			.verifyComplete();
	}

	@Test
	void givesUpAfterMaxAttemptsWithTheLastFailureAndTheEarlierOnesSuppressed() {
		AtomicInteger calls = new AtomicInteger();
		StepVerifier.withVirtualTime(() -> failingAttempts(calls, NO_JITTER, new RetryBudget(10, 0), Long.MAX_VALUE))
			.thenAwait(Duration.ofSeconds(10))
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(MoonshotServerException.class);
				MoonshotServerException last = (MoonshotServerException) ex;
				assertThat(last.getAttempts()).isEqualTo(3);
				assertThat(last.getResponseBody()).isEqualTo("attempt 3");
				assertThat(last.getSuppressed()).hasSize(2)
					.allSatisfy((earlier) -> assertThat(earlier).isInstanceOf(MoonshotServerException.class));
				assertThat(last.getMessage()).endsWith("[gave up after 3 attempts]");
			})
			.verify();
		assertThat(calls).hasValue(3);
	}

	@Test
	void anEmptyBudgetStopsRetriesButNeverFirstAttempts() {
		RetryBudget budget = new RetryBudget(1, 0);
		AtomicInteger calls = new AtomicInteger();
		StepVerifier.withVirtualTime(() -> failingAttempts(calls, NO_JITTER, budget, Long.MAX_VALUE))
			.thenAwait(Duration.ofSeconds(10))
			.expectErrorSatisfies((ex) -> assertThat(ex.getMessage())
				.endsWith("[gave up after 2 attempts: not retried: the client's retry budget is used up]"))
			.verify();
		assertThat(calls).hasValue(2);

		calls.set(0);
		StepVerifier.withVirtualTime(() -> failingAttempts(calls, NO_JITTER, budget, Long.MAX_VALUE))
			.expectErrorSatisfies((ex) -> assertThat(((MoonshotException) ex).getAttempts()).isEqualTo(1))
			.verify();
		assertThat(calls).as("the first attempt is made, no retry").hasValue(1);
	}

	@Test
	void noRetryStartsThatCouldNotEndBeforeTheDeadline() {
		AtomicInteger calls = new AtomicInteger();
		StepVerifier.withVirtualTime(() -> failingAttempts(calls, NO_JITTER, new RetryBudget(10, 0), 700))
			.thenAwait(Duration.ofSeconds(10))
			.expectErrorSatisfies((ex) -> assertThat(ex.getMessage()).endsWith(
					"[gave up after 2 attempts: not retried: the call timeout would pass before the next attempt]"))
			.verify();
		assertThat(calls).as("first at 0 ms, second at 500 ms, a third at 1500 ms would be late").hasValue(2);
	}

	@Test
	void budgetRefillsWithSuccessesUpToItsCapacity() {
		RetryBudget budget = new RetryBudget(2, 0.5);
		assertThat(budget.tryAcquire()).isTrue();
		assertThat(budget.tryAcquire()).isTrue();
		assertThat(budget.tryAcquire()).isFalse();
		budget.onSuccess();
		assertThat(budget.tryAcquire()).as("half a token is not a retry").isFalse();
		budget.onSuccess();
		assertThat(budget.tryAcquire()).isTrue();
		for (int i = 0; i < 100; i++) {
			budget.onSuccess();
		}
		assertThat(budget.available()).isEqualTo(2.0);
	}

	private static Mono<Integer> failingAttempts(AtomicInteger calls, MoonshotRetrySettings settings,
			RetryBudget budget, long deadlineAtMillis) {
		CallState state = new CallState();
		return Mono.<Integer>defer(() -> Mono.error(new MoonshotServerException("failed",
				new MoonshotApiError(HttpStatusCode.valueOf(503), null, null, null, null, null,
						"attempt " + calls.incrementAndGet()))))
			.doOnSubscribe((s) -> state.attemptStarted())
			.retryWhen(new MoonshotRetry(settings, budget, true, state,
					Schedulers.parallel().now(java.util.concurrent.TimeUnit.MILLISECONDS) + deadlineAtMillis,
					Schedulers.parallel(), "list", NO_LISTENER));
	}

	private static MoonshotRetry retry(MoonshotRetrySettings settings, boolean idempotent) {
		return new MoonshotRetry(settings, new RetryBudget(10, 0), idempotent, new CallState(), Long.MAX_VALUE,
				Schedulers.parallel(), "list", NO_LISTENER);
	}

	private static MoonshotApiException status(int status) {
		MoonshotApiError error = MoonshotApiError.ofStatus(HttpStatusCode.valueOf(status));
		return (status >= 500) ? new MoonshotServerException("s", error) : new MoonshotApiException("s", error);
	}

	private static MoonshotRateLimitException rateLimited(Duration retryAfter) {
		return new MoonshotRateLimitException("429", MoonshotApiError.ofStatus(HttpStatusCode.valueOf(429)),
				retryAfter);
	}

	private static MoonshotQuotaExceededException quota() {
		return new MoonshotQuotaExceededException("429", new MoonshotApiError(HttpStatusCode.valueOf(429),
				"exceeded_current_quota_error", null, "suspended", null, null, ""));
	}

	private static MoonshotTimeoutException timeout(MoonshotTimeoutException.TimeoutType type) {
		return new MoonshotTimeoutException("t", type, Duration.ofSeconds(1), null);
	}

}
