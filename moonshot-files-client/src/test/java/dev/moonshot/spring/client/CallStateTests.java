package dev.moonshot.spring.client;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatusCode;

import static org.assertj.core.api.Assertions.assertThat;

class CallStateTests {

	@Test
	void aCallThatFailsAtOnceEndsWithTheAttemptsOwnException() {
		CallState state = new CallState(1_000);
		state.attemptStarted();
		AttemptFailure failure = serverError("first");

		MoonshotException ended = state.fail(failure, null);

		assertThat(ended).isSameAs(failure.exception()).hasMessage("first");
		assertThat(ended.getAttempts()).isEqualTo(1);
		assertThat(ended.getSuppressed()).isEmpty();
		assertThat(ended.isPrecededByPossiblyProcessedAttempt()).isFalse();
	}

	@Test
	void theFinalExceptionIsBuiltOnceWithTheAttemptsAndTheEarlierFailures() {
		CallState state = new CallState(1_000);
		state.attemptStarted();
		AttemptFailure first = serverError("first");
		state.retrying(first);
		state.attemptStarted();
		AttemptFailure second = serverError("second");

		MoonshotException ended = state.fail(second, "not retried: the client's retry budget is used up");

		assertThat(ended).isNotSameAs(second.exception()).isInstanceOf(MoonshotServerException.class)
			.hasMessage("second [gave up after 2 attempts: not retried: the client's retry budget is used up]");
		assertThat(second.exception()).as("the attempt's own exception is unchanged").hasMessage("second");
		assertThat(ended.getAttempts()).isEqualTo(2);
		assertThat(ended.getSuppressed()).containsExactly(first.exception());
	}

	@Test
	void aRefusalOfTheFirstRetryIsNamedWithoutAnAttemptCount() {
		CallState state = new CallState(1_000);
		state.attemptStarted();

		assertThat(state.fail(serverError("only"), "not retried: the call timeout would pass before the next attempt"))
			.hasMessage("only [not retried: the call timeout would pass before the next attempt]");
	}

	@Test
	void anEarlierAttemptWithoutAnAnswerMayHaveBeenProcessed() {
		CallState state = new CallState(1_000);
		state.attemptStarted();
		state.retrying(new AttemptFailure(AttemptFailure.Delivery.NOT_SENT, "refused",
				(m) -> new MoonshotConnectException(m, null)));
		assertThat(state.possiblyProcessed()).isFalse();
		state.attemptStarted();
		state.retrying(new AttemptFailure(AttemptFailure.Delivery.POSSIBLY_PROCESSED, "reset",
				(m) -> new MoonshotTransportException(m, null)));
		state.attemptStarted();

		MoonshotException ended = state.fail(notFound(), null);

		assertThat(state.possiblyProcessed()).isTrue();
		assertThat(ended).isInstanceOf(MoonshotNotFoundException.class);
		assertThat(ended.isPrecededByPossiblyProcessedAttempt()).isTrue();
		assertThat(ended.getAttempts()).isEqualTo(3);
	}

	private static AttemptFailure serverError(String message) {
		MoonshotApiError error = MoonshotApiError.ofStatus(HttpStatusCode.valueOf(503));
		return new AttemptFailure(AttemptFailure.Delivery.ANSWERED, message,
				(m) -> new MoonshotServerException(m, error));
	}

	private static AttemptFailure notFound() {
		MoonshotApiError error = MoonshotApiError.ofStatus(HttpStatusCode.valueOf(404));
		return new AttemptFailure(AttemptFailure.Delivery.ANSWERED, "gone", (m) -> new MoonshotNotFoundException(m, error));
	}

}
