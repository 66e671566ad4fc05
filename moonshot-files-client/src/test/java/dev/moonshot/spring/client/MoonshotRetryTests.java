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

	private static final MoonshotRetrySettings NO_JITTER = MoonshotRetrySettings.defaults()
		.withBackoff(Duration.ofMillis(500), Duration.ofSeconds(8))
		.withJitter(0);

	@Test
	void backoffDoublesUpToTheCap() {
		MoonshotRetry retry = retry(NO_JITTER.withMaxAttempts(10));
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
		MoonshotRetry retry = retry(NO_JITTER.withJitter(0.5));
		for (int i = 0; i < 200; i++) {
			assertThat(retry.delay(status(503), 2)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
		}
	}

	@Test
	void retryAfterIsHonouredAndCapped() {
		MoonshotRetry retry = retry(NO_JITTER);

		assertThat(retry.delay(rateLimited(Duration.ofSeconds(2)), 1)).isEqualTo(Duration.ofSeconds(2));
		assertThat(retry.delay(rateLimited(Duration.ofHours(3)), 1)).isEqualTo(Duration.ofSeconds(8));
		assertThat(retry.delay(rateLimited(null), 1)).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void whatIsRetriedFollowsTheExceptionAndTheOperationsRule() {
		for (int retried : new int[] { 408, 500, 502, 503, 504 }) {
			assertThat(retries(answered(status(retried)), (f) -> true)).as("status %d", retried).isTrue();
		}
		for (int notRetried : new int[] { 400, 401, 403, 404, 418, 501 }) {
			assertThat(retries(answered(status(notRetried)), (f) -> true)).as("status %d", notRetried).isFalse();
		}
		assertThat(retries(answered(rateLimited(null)), (f) -> true)).isTrue();
		assertThat(retries(answered(quota()), (f) -> true)).isFalse();
		assertThat(retries(new AttemptFailure(AttemptFailure.Delivery.NOT_SENT, "refused",
				(m) -> new MoonshotConnectException(m, null)), (f) -> true)).isTrue();
		assertThat(retries(new AttemptFailure(AttemptFailure.Delivery.POSSIBLY_PROCESSED, "reset",
				(m) -> new MoonshotTransportException(m, null)), (f) -> true)).isTrue();
		assertThat(retries(answered(status(503)), (f) -> false)).as("the operation refuses").isFalse();
		assertThat(retries(answered(status(404)), (f) -> true)).as("the exception refuses").isFalse();
	}

	@Test
	void aCallTimeoutIsNeverRetried() {
		AttemptFailure callTimeout = new AttemptFailure(AttemptFailure.Delivery.POSSIBLY_PROCESSED, "late",
				(m) -> new MoonshotTimeoutException(m, MoonshotTimeoutException.TimeoutType.CALL, Duration.ofSeconds(1),
						null));

		assertThat(retries(callTimeout, (f) -> true)).isFalse();
	}

	@Test
	void eachRetryIsAnEventOfTheCallsObservation() {
		io.micrometer.observation.tck.TestObservationRegistry registry = io.micrometer.observation.tck.TestObservationRegistry
			.create();
		MoonshotClientObservationContext context = new MoonshotClientObservationContext("list", null);
		io.micrometer.observation.Observation observation = io.micrometer.observation.Observation
			.start("moonshot.files.requests", () -> context, registry);
		AtomicInteger calls = new AtomicInteger();

		StepVerifier.withVirtualTime(() -> Mono.defer(() -> (calls.incrementAndGet() < 3)
				? Mono.<Integer>error(answered(rateLimited(Duration.ofSeconds(1)))) : Mono.just(calls.get()))
			.retryWhen(new MoonshotRetry(NO_JITTER, new RetryBudget(10, 0), (f) -> true, started(Long.MAX_VALUE),
					Schedulers.parallel(), observation)))
			.thenAwait(Duration.ofSeconds(5))
			.expectNext(3)
			.verifyComplete();
		observation.stop();

		io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat(registry)
			.hasSingleObservationThat()
			.hasBeenStopped()
			.hasEvent(MoonshotClientObservationContext.RETRY.getName());
		assertThat(context.getRetryReason()).isEqualTo("rate_limited");
	}

	@Test
	void waitsWhatRetryAfterSaysInVirtualTime() {
		StepVerifier.withVirtualTime(() -> {
			AtomicInteger calls = new AtomicInteger();
			CallState state = new CallState(Long.MAX_VALUE);
			return Mono.defer(() -> (calls.incrementAndGet() == 1)
					? Mono.error(answered(rateLimited(Duration.ofSeconds(2)))) : Mono.just(calls.get()))
				.doOnSubscribe((s) -> state.attemptStarted())
				.retryWhen(new MoonshotRetry(NO_JITTER, new RetryBudget(10, 0), (f) -> true, state,
						Schedulers.parallel(), null));
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

	private static Mono<Integer> failingAttempts(AtomicInteger calls, MoonshotRetrySettings settings,
			RetryBudget budget, long deadlineInMillis) {
		CallState state = new CallState(
				Schedulers.parallel().now(java.util.concurrent.TimeUnit.MILLISECONDS) + deadlineInMillis);
		return Mono.<Integer>defer(() -> {
			MoonshotApiError error = new MoonshotApiError(HttpStatusCode.valueOf(503), null, null, null, null, null,
					"attempt " + calls.incrementAndGet());
			return Mono.error(new AttemptFailure(AttemptFailure.Delivery.ANSWERED, "failed",
					(m) -> new MoonshotServerException(m, error)));
		}).doOnSubscribe((s) -> state.attemptStarted())
			.retryWhen(new MoonshotRetry(settings, budget, (f) -> true, state, Schedulers.parallel(), null));
	}

	/** Whether the retry makes a second attempt after a first one failed so. */
	private static boolean retries(AttemptFailure failure, java.util.function.Predicate<AttemptFailure> mayRepeat) {
		AtomicInteger calls = new AtomicInteger();
		CallState state = new CallState(Long.MAX_VALUE);
		StepVerifier.withVirtualTime(() -> Mono.defer(() -> (calls.incrementAndGet() == 1) ? Mono.<Integer>error(failure)
				: Mono.just(calls.get()))
			.doOnSubscribe((s) -> state.attemptStarted())
			.retryWhen(new MoonshotRetry(NO_JITTER, new RetryBudget(10, 0), mayRepeat, state, Schedulers.parallel(),
					null)))
			.thenAwait(Duration.ofSeconds(10))
			.expectNextCount(0)
			.thenCancel()
			.verify();
		return calls.get() == 2;
	}

	private static CallState started(long deadlineAtMillis) {
		return new CallState(deadlineAtMillis);
	}

	private static AttemptFailure answered(MoonshotException exception) {
		return new AttemptFailure(AttemptFailure.Delivery.ANSWERED, exception.getMessage(), (m) -> exception);
	}

	private static MoonshotRetry retry(MoonshotRetrySettings settings) {
		return new MoonshotRetry(settings, new RetryBudget(10, 0), (f) -> true, new CallState(Long.MAX_VALUE),
				Schedulers.parallel(), null);
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
