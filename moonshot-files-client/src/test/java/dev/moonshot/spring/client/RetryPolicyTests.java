package dev.moonshot.spring.client;

import java.time.Duration;

import dev.moonshot.spring.client.exception.MoonshotApiError;
import dev.moonshot.spring.client.exception.MoonshotFailure;
import dev.moonshot.spring.client.exception.MoonshotFailureKind;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatusCode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's one retry decision on its own: what is retried, how long it waits, and when it stops.
 */
class RetryPolicyTests {

	private static final MoonshotRetrySettings NO_JITTER = MoonshotRetrySettings.defaults()
		.withBackoff(Duration.ofMillis(500), Duration.ofSeconds(8))
		.withJitter(0);

	@Test
	void backoffDoublesUpToTheCap() {
		RetryPolicy policy = new RetryPolicy(NO_JITTER.withMaxAttempts(10), (call) -> false);
		MoonshotFailure failure = answered(503, null);

		assertThat(policy.delay(failure, 1)).isEqualTo(Duration.ofMillis(500));
		assertThat(policy.delay(failure, 2)).isEqualTo(Duration.ofSeconds(1));
		assertThat(policy.delay(failure, 4)).isEqualTo(Duration.ofSeconds(4));
		assertThat(policy.delay(failure, 5)).isEqualTo(Duration.ofSeconds(8));
		assertThat(policy.delay(failure, 9)).isEqualTo(Duration.ofSeconds(8));
		assertThat(policy.delay(failure, 70)).isEqualTo(Duration.ofSeconds(8));
	}

	@Test
	void jitterOnlyShortensTheWait() {
		RetryPolicy policy = new RetryPolicy(NO_JITTER.withJitter(0.5), (call) -> false);
		for (int i = 0; i < 200; i++) {
			assertThat(policy.delay(answered(503, null), 2)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
		}
	}

	@Test
	void retryAfterIsHonouredAndCapped() {
		RetryPolicy policy = new RetryPolicy(NO_JITTER, (call) -> false);

		assertThat(policy.delay(rateLimited(Duration.ofSeconds(2)), 1)).isEqualTo(Duration.ofSeconds(2));
		assertThat(policy.delay(rateLimited(Duration.ofHours(3)), 1)).isEqualTo(Duration.ofSeconds(8));
		assertThat(policy.delay(rateLimited(null), 1)).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void whatIsRetriedFollowsTheKindAndTheOperationsRule() {
		for (int retried : new int[] { 408, 499, 500, 502, 503, 504, 429 }) {
			assertThat(retries(answered(retried, null), true)).as("status %d", retried).isTrue();
		}
		for (int notRetried : new int[] { 400, 401, 403, 404, 409, 418, 501 }) {
			assertThat(retries(answered(notRetried, null), true)).as("status %d", notRetried).isFalse();
		}
		assertThat(retries(answered(429, "exceeded_current_quota_error"), true)).isFalse();
		assertThat(retries(unanswered(MoonshotFailureKind.CONNECT_FAILED), true)).isTrue();
		assertThat(retries(unanswered(MoonshotFailureKind.CONNECTION_LOST), true)).isTrue();
		assertThat(retries(unanswered(MoonshotFailureKind.CALL_TIMEOUT), true)).as("no time is left").isFalse();
		assertThat(retries(answered(503, null), false)).as("the operation refuses").isFalse();
	}

	@Test
	void givesUpAfterMaxAttempts() {
		RetryPolicy policy = new RetryPolicy(NO_JITTER.withMaxAttempts(3), (call) -> false);
		CallState call = new CallState(Long.MAX_VALUE);
		call.attemptStarted();
		call.attemptStarted();
		assertThat(policy.decide(answered(503, null), call, true, 0).delay()).isNotNull();

		call.attemptStarted();
		assertThat(policy.decide(answered(503, null), call, true, 0)).isEqualTo(RetryPolicy.Decision.STOP);
	}

	@Test
	void anEmptyBudgetStopsRetriesAndSaysSo() {
		RetryPolicy policy = new RetryPolicy(NO_JITTER.withBudget(1, 0.5), (call) -> false);
		CallState call = started();

		assertThat(policy.decide(answered(503, null), call, true, 0).delay()).isEqualTo(Duration.ofMillis(500));
		assertThat(policy.decide(answered(503, null), call, true, 0).refusal())
			.isEqualTo("not retried: the client's retry budget is used up");

		policy.succeeded();
		policy.succeeded();
		assertThat(policy.decide(answered(503, null), call, true, 0).delay()).as("refilled by two successes")
			.isNotNull();
	}

	@Test
	void anAnswerThatRetryingCannotChangeRefillsTheBudget() {
		RetryPolicy policy = new RetryPolicy(NO_JITTER.withBudget(1, 1), (call) -> false);
		CallState call = started();
		policy.decide(answered(503, null), call, true, 0);

		assertThat(policy.decide(answered(404, null), call, true, 0)).isEqualTo(RetryPolicy.Decision.STOP);
		assertThat(policy.decide(answered(503, null), call, true, 0).delay()).isNotNull();
	}

	@Test
	void noRetryStartsThatCouldNotEndBeforeTheDeadline() {
		RetryPolicy policy = new RetryPolicy(NO_JITTER, (call) -> false);
		CallState call = new CallState(700);
		call.attemptStarted();

		assertThat(policy.decide(answered(503, null), call, true, 0).delay()).isEqualTo(Duration.ofMillis(500));
		assertThat(policy.decide(answered(503, null), call, true, 200).refusal())
			.isEqualTo("not retried: the call timeout would pass before the next attempt");
	}

	@Test
	void disabledRetriesNeverRetry() {
		RetryPolicy disabled = new RetryPolicy(MoonshotRetrySettings.disabled(), (call) -> false);
		assertThat(disabled.decide(answered(503, null), started(), true, 0))
			.isEqualTo(RetryPolicy.Decision.STOP);
	}

	/** Whether a second attempt follows a first one that failed so. */
	private static boolean retries(MoonshotFailure failure, boolean mayRepeat) {
		return new RetryPolicy(NO_JITTER, (call) -> false).decide(failure, started(), mayRepeat, 0).delay() != null;
	}

	private static CallState started() {
		CallState call = new CallState(Long.MAX_VALUE);
		call.attemptStarted();
		return call;
	}

	static MoonshotFailure answered(int status, String type) {
		MoonshotApiError error = new MoonshotApiError(HttpStatusCode.valueOf(status), type, null, "m", null, null, "");
		return MoonshotFailure.answered(MoonshotFailureKind.of(error, true), "failed", error, null);
	}

	private static MoonshotFailure rateLimited(Duration retryAfter) {
		MoonshotApiError error = MoonshotApiError.ofStatus(HttpStatusCode.valueOf(429));
		return MoonshotFailure.answered(MoonshotFailureKind.RATE_LIMITED, "429", error, retryAfter);
	}

	private static MoonshotFailure unanswered(MoonshotFailureKind kind) {
		return MoonshotFailure.unanswered(kind, MoonshotFailure.Delivery.POSSIBLY_PROCESSED, "failed", null, null);
	}

}
