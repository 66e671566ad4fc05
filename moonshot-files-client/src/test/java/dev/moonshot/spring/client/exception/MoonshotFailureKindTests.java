package dev.moonshot.spring.client.exception;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.http.HttpStatusCode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one classification of a failure: what each answer is, and that everything else reads that one value.
 */
class MoonshotFailureKindTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			400 | invalid_request_error        | bad            | BAD_REQUEST
			400 | -                            | -              | BAD_REQUEST
			400 | content_filter               | m              | CONTENT_FILTERED
			400 | invalid_parameter_error      | m              | INVALID_PARAMETER
			400 | failed_precondition_error    | m              | FAILED_PRECONDITION
			400 | invalid_request_error        | exceeded the max file count 1000 | FILE_COUNT_LIMIT
			400 | invalid_request_error        | Missing required header Kimi-Api-Version | VERSION_HEADER_REQUIRED
			400 | invalid_parameter_error      | Missing required header Kimi-Api-Version | INVALID_PARAMETER
			401 | invalid_authentication_error | m              | AUTHENTICATION
			401 | authentication_error         | m              | AUTHENTICATION
			403 | permission_denied_error      | m              | PERMISSION_DENIED
			404 | resource_not_found_error     | m              | NOT_FOUND
			408 | -                            | -              | REQUEST_TIMEOUT
			409 | conflict_error               | m              | CONFLICT
			429 | rate_limit_reached_error     | m              | RATE_LIMITED
			429 | -                            | -              | RATE_LIMITED
			429 | engine_overloaded_error      | m              | OVERLOADED
			429 | exceeded_current_quota_error | m              | QUOTA_EXCEEDED
			499 | client_closed_request        | m              | CLIENT_CLOSED_REQUEST
			500 | server_error                 | m              | SERVER_ERROR
			500 | invalid_request_error        | m              | SERVER_ERROR
			502 | -                            | -              | SERVER_ERROR
			503 | server_unavailable           | m              | UNAVAILABLE
			504 | -                            | -              | SERVER_ERROR
			501 | -                            | -              | UNEXPECTED_STATUS
			418 | -                            | -              | UNEXPECTED_STATUS
			""")
	void anAnswerIsClassifiedByItsStatusThenItsTypeThenItsMessage(int status, String type, String message,
			MoonshotFailureKind expected) {
		assertThat(MoonshotFailureKind.of(error(status, type, message), false)).isEqualTo(expected);
	}

	@Test
	void theRolloutFaultIsWhatItSaysWhenTheClientSentAVersion() {
		assertThat(MoonshotFailureKind.of(error(400, "invalid_request_error", "missing required header "
				+ "kimi-api-version"), true)).isEqualTo(MoonshotFailureKind.BAD_REQUEST);
	}

	/** The exception's class, its kind and whether it is retryable all come from the one classified value. */
	@ParameterizedTest
	@EnumSource
	void theExceptionOfAKindCarriesThatKind(MoonshotFailureKind kind) {
		MoonshotFailure failure = kind.isAnswer()
				? MoonshotFailure.answered(kind, "m", error(statusOf(kind), typeOf(kind), messageOf(kind)), null)
				: MoonshotFailure.unanswered(kind, MoonshotFailure.Delivery.POSSIBLY_PROCESSED, "m",
						Duration.ofSeconds(1), null);

		MoonshotException exception = failure.toException(null, List.of());

		assertThat(exception.getFailureKind()).isEqualTo(kind);
		assertThat(exception.isRetryable()).isEqualTo(kind.isRetryable());
		assertThat(kind.isRetryable()).isEqualTo(kind.getRetryReason() != null);
		assertThat(kind.getSummary()).isNotBlank();
	}

	@Test
	void errorTypesNamedByAKindAreTagsOfTheirOwnAndTheRestAreOther() {
		for (String type : List.of("invalid_request_error", "content_filter", "invalid_parameter_error",
				"failed_precondition_error", "invalid_authentication_error", "incorrect_api_key_error",
				"authentication_error", "permission_denied_error", "resource_not_found_error", "conflict_error",
				"rate_limit_reached_error", "engine_overloaded_error", "exceeded_current_quota_error", "server_error",
				"unexpected_output", "server_unavailable", "client_closed_request")) {
			assertThat(MoonshotFailureKind.errorTypeTag(type)).isEqualTo(type);
		}
		assertThat(MoonshotFailureKind.errorTypeTag("brand_new_error")).isEqualTo("other");
	}

	private static int statusOf(MoonshotFailureKind kind) {
		return switch (kind) {
			case BAD_REQUEST, INVALID_PARAMETER, FAILED_PRECONDITION, CONTENT_FILTERED, FILE_COUNT_LIMIT,
					VERSION_HEADER_REQUIRED -> 400;
			case AUTHENTICATION -> 401;
			case PERMISSION_DENIED -> 403;
			case NOT_FOUND -> 404;
			case REQUEST_TIMEOUT -> 408;
			case CONFLICT -> 409;
			case RATE_LIMITED, OVERLOADED, QUOTA_EXCEEDED -> 429;
			case CLIENT_CLOSED_REQUEST -> 499;
			case SERVER_ERROR -> 500;
			case UNAVAILABLE -> 503;
			default -> 418;
		};
	}

	private static String typeOf(MoonshotFailureKind kind) {
		return switch (kind) {
			case CONTENT_FILTERED -> "content_filter";
			case INVALID_PARAMETER -> "invalid_parameter_error";
			case FAILED_PRECONDITION -> "failed_precondition_error";
			case OVERLOADED -> "engine_overloaded_error";
			case QUOTA_EXCEEDED -> "exceeded_current_quota_error";
			default -> null;
		};
	}

	private static String messageOf(MoonshotFailureKind kind) {
		return switch (kind) {
			case FILE_COUNT_LIMIT -> "max file count reached";
			case VERSION_HEADER_REQUIRED -> "missing required header kimi-api-version";
			default -> "m";
		};
	}

	private static MoonshotApiError error(int status, String type, String message) {
		return new MoonshotApiError(HttpStatusCode.valueOf(status), type, null, message, null, null, "");
	}

}
