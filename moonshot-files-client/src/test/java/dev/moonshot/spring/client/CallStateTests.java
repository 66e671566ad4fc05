package dev.moonshot.spring.client;

import dev.moonshot.spring.client.exception.MoonshotApiError;
import dev.moonshot.spring.client.exception.MoonshotConnectException;
import dev.moonshot.spring.client.exception.MoonshotException;
import dev.moonshot.spring.client.exception.MoonshotFailure;
import dev.moonshot.spring.client.exception.MoonshotFailureKind;
import dev.moonshot.spring.client.exception.MoonshotNotFoundException;
import dev.moonshot.spring.client.exception.MoonshotServerException;
import dev.moonshot.spring.client.exception.MoonshotTransportException;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatusCode;

import static org.assertj.core.api.Assertions.assertThat;

class CallStateTests {

	@Test
	void aCallThatFailsAtOnceEndsWithTheAttemptsException() {
		CallState state = new CallState(1_000);
		state.attemptStarted();

		MoonshotException ended = state.fail(serverError("first"), null);

		assertThat(ended).isInstanceOf(MoonshotServerException.class).hasMessage("first");
		assertThat(ended.getFailureKind()).isEqualTo(MoonshotFailureKind.UNAVAILABLE);
		assertThat(ended.getAttempts()).isEqualTo(1);
		assertThat(ended.getSuppressed()).isEmpty();
	}

	@Test
	void theFinalExceptionIsBuiltOnceWithTheAttemptsAndTheEarlierFailures() {
		CallState state = new CallState(1_000);
		state.attemptStarted();
		state.retrying(serverError("first"));
		state.attemptStarted();

		MoonshotException ended = state.fail(serverError("second"), "not retried: the client's retry budget is used up");

		assertThat(ended).isInstanceOf(MoonshotServerException.class)
			.hasMessage("second [gave up after 2 attempts: not retried: the client's retry budget is used up]");
		assertThat(ended.getAttempts()).isEqualTo(2);
		assertThat(ended.getSuppressed()).singleElement().satisfies((earlier) -> {
			assertThat(earlier).isInstanceOf(MoonshotServerException.class).hasMessage("first");
			assertThat(((MoonshotException) earlier).getAttempts()).isOne();
		});
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
		state.retrying(MoonshotFailure.unanswered(MoonshotFailureKind.CONNECT_FAILED, MoonshotFailure.Delivery.NOT_SENT,
				"refused", null, null));
		assertThat(state.possiblyProcessed()).isFalse();
		state.attemptStarted();
		state.retrying(MoonshotFailure.unanswered(MoonshotFailureKind.CONNECTION_LOST,
				MoonshotFailure.Delivery.POSSIBLY_PROCESSED, "reset", null, null));
		state.attemptStarted();

		MoonshotException ended = state.fail(notFound(), null);

		assertThat(state.possiblyProcessed()).isTrue();
		assertThat(ended).isInstanceOf(MoonshotNotFoundException.class);
		assertThat(ended.getAttempts()).isEqualTo(3);
		assertThat(ended.getSuppressed()).hasExactlyElementsOfTypes(MoonshotConnectException.class,
				MoonshotTransportException.class);
	}

	static MoonshotFailure serverError(String message) {
		MoonshotApiError error = MoonshotApiError.ofStatus(HttpStatusCode.valueOf(503));
		return MoonshotFailure.answered(MoonshotFailureKind.of(error, true), message, error, null);
	}

	private static MoonshotFailure notFound() {
		MoonshotApiError error = MoonshotApiError.ofStatus(HttpStatusCode.valueOf(404));
		return MoonshotFailure.answered(MoonshotFailureKind.NOT_FOUND, "gone", error, null);
	}

}
