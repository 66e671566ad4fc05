package dev.moonshot.spring.client;

import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeoutException;

import dev.moonshot.spring.client.exception.MoonshotApiException;
import dev.moonshot.spring.client.exception.MoonshotAuthenticationException;
import dev.moonshot.spring.client.exception.MoonshotBadRequestException;
import dev.moonshot.spring.client.exception.MoonshotConnectException;
import dev.moonshot.spring.client.exception.MoonshotException;
import dev.moonshot.spring.client.exception.MoonshotFailure;
import dev.moonshot.spring.client.exception.MoonshotFileCountLimitException;
import dev.moonshot.spring.client.exception.MoonshotMalformedResponseException;
import dev.moonshot.spring.client.exception.MoonshotNotFoundException;
import dev.moonshot.spring.client.exception.MoonshotPermissionDeniedException;
import dev.moonshot.spring.client.exception.MoonshotQuotaExceededException;
import dev.moonshot.spring.client.exception.MoonshotRateLimitException;
import dev.moonshot.spring.client.exception.MoonshotServerException;
import dev.moonshot.spring.client.exception.MoonshotTimeoutException;
import dev.moonshot.spring.client.exception.MoonshotTransportException;
import dev.moonshot.spring.client.retention.MoonshotRetention;
import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import static org.assertj.core.api.Assertions.assertThat;

class MoonshotExceptionTranslatorTests {

	private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

	private static final String API_KEY = "sk-translator-3e8a1f0c6b9d2e5a";

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	private final MoonshotExceptionTranslator translator = new MoonshotExceptionTranslator(CLOCK,
			new SecretRedactor(API_KEY), Duration.ofSeconds(3), false);

	@Test
	void retryAfterInSeconds() {
		assertThat(ProviderHeaders.retryAfter("2", CLOCK)).isEqualTo(Duration.ofSeconds(2));
		assertThat(ProviderHeaders.retryAfter(" 0 ", CLOCK)).isEqualTo(Duration.ZERO);
		assertThat(ProviderHeaders.retryAfter("99999999999999999999999", CLOCK)).isEqualTo(Duration.ofSeconds(Long.MAX_VALUE));
	}

	@Test
	void retryAfterAsHttpDate() {
		assertThat(ProviderHeaders.retryAfter("Sun, 29 Nov 2026 12:01:30 GMT", CLOCK)).isEqualTo(Duration.ofSeconds(90));
		assertThat(ProviderHeaders.retryAfter("Sun, 29 Nov 2026 11:00:00 GMT", CLOCK)).isEqualTo(Duration.ZERO);
	}

	@Test
	void retryAfterUnreadable() {
		assertThat(ProviderHeaders.retryAfter(null, CLOCK)).isNull();
		assertThat(ProviderHeaders.retryAfter("", CLOCK)).isNull();
		assertThat(ProviderHeaders.retryAfter("-5", CLOCK)).isNull();
		assertThat(ProviderHeaders.retryAfter("soon", CLOCK)).isNull();
	}

	@Test
	void bodyInAnotherCharset() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.CONTENT_TYPE, "text/plain;charset=ISO-8859-1");

		MoonshotApiException ex = response(this.translator, HttpStatusCode.valueOf(500), headers,
				"caf\u00e9".getBytes(StandardCharsets.ISO_8859_1), "GET /v1/files");

		assertThat(ex.getResponseBody()).isEqualTo("caf\u00e9");
	}

	@Test
	void jsonWithoutTheErrorEnvelopeIsReportedAsBody() {
		MoonshotApiException ex = response(this.translator, HttpStatusCode.valueOf(400), new HttpHeaders(),
				"{\"detail\":\"nope\"}".getBytes(StandardCharsets.UTF_8), "DELETE /v1/files/x");

		assertThat(ex).isInstanceOf(MoonshotBadRequestException.class);
		assertThat(ex.getErrorType()).isNull();
		assertThat(ex.getMessage())
			.isEqualTo("Moonshot DELETE /v1/files/x failed with HTTP 400 Bad Request, body: {\"detail\":\"nope\"}");
	}

	@Test
	void numericErrorCodeIsKeptAsText() {
		MoonshotApiException ex = response(this.translator, HttpStatusCode.valueOf(400), new HttpHeaders(),
				"{\"error\":{\"message\":\"m\",\"code\":1234}}".getBytes(StandardCharsets.UTF_8), "DELETE /v1/files/x");

		assertThat(ex.getErrorCode()).isEqualTo("1234");
	}

	@Test
	void controlCharactersInTheBodyDoNotReachTheMessage() {
		MoonshotApiException ex = response(this.translator, HttpStatusCode.valueOf(502), new HttpHeaders(),
				"bad\u0000\u001b[31mgateway".getBytes(StandardCharsets.UTF_8), "DELETE /v1/files/x");

		assertThat(ex.getMessage()).endsWith("body: bad??[31mgateway");
	}

	@Test
	void requestFailureKeepsOnlyItsIoCause() {
		HttpHeaders requestHeaders = new HttpHeaders();
		requestHeaders.setBearerAuth("sk-in-headers");
		ConnectException refused = new ConnectException("Connection refused");
		WebClientRequestException failure = new WebClientRequestException(refused, HttpMethod.DELETE,
				URI.create("https://api.moonshot.ai/v1/files/x"), requestHeaders);

		Throwable translated = failure(this.translator, failure, "DELETE /v1/files/x", Deadline.response(Duration.ofSeconds(1)));

		assertThat(translated).isExactlyInstanceOf(MoonshotConnectException.class)
			.hasMessage("Moonshot DELETE /v1/files/x could not connect: ConnectException: Connection refused")
			.hasCause(refused);
		SecretAssertions.assertKeyNotIn(translated, "sk-in-headers");
	}

	@Test
	void resetIsATransportFailureThatMayHaveBeenProcessed() {
		java.io.IOException reset = new java.io.IOException("Connection reset by peer");
		WebClientRequestException failure = new WebClientRequestException(reset, HttpMethod.DELETE,
				URI.create("https://api.moonshot.ai/v1/files/x"), new HttpHeaders());

		assertThat(failure(this.translator, failure, "DELETE /v1/files/x", Deadline.response(Duration.ofSeconds(1))))
			.isExactlyInstanceOf(MoonshotTransportException.class)
			.hasMessage("Moonshot DELETE /v1/files/x failed before a response arrived: IOException: Connection reset "
					+ "by peer");
	}

	@Test
	void callTimeout() {
		Throwable translated = failure(this.translator, new TimeoutException(), "GET /v1/files",
				Deadline.call(Duration.ofSeconds(60)));

		assertThat(translated).isInstanceOfSatisfying(MoonshotTimeoutException.class, (ex) -> {
			assertThat(ex.getTimeoutType()).isEqualTo(MoonshotTimeoutException.TimeoutType.CALL);
			assertThat(ex.getMessage()).isEqualTo("Moonshot GET /v1/files got no complete response within the call "
					+ "timeout of 60000 ms (moonshot.call-timeout)");
		});
	}

	@Test
	void connectTimeoutOfTheConnector() {
		Exception connectTimeout = new ConnectTimeoutException("connection timed out: /10.0.0.1:443");
		WebClientRequestException failure = new WebClientRequestException(connectTimeout, HttpMethod.DELETE,
				URI.create("https://api.moonshot.ai/v1/files/x"), new HttpHeaders());

		Throwable translated = failure(this.translator, failure, "DELETE /v1/files/x", Deadline.response(Duration.ofSeconds(1)));

		assertThat(translated).isInstanceOfSatisfying(MoonshotTimeoutException.class, (ex) -> {
			assertThat(ex.getTimeoutType()).isEqualTo(MoonshotTimeoutException.TimeoutType.CONNECT);
			assertThat(ex.getTimeout()).isEqualTo(Duration.ofSeconds(3));
			assertThat(ex.getMessage()).contains("could not connect within the connect timeout of 3000 ms")
				.contains("moonshot.connect-timeout");
		});
	}

	@Test
	void connectTimeoutOfAConnectorTheUserBroughtHasNoDuration() {
		MoonshotExceptionTranslator userConnector = new MoonshotExceptionTranslator(Clock.systemUTC(),
				new SecretRedactor(API_KEY), null, false);
		WebClientRequestException failure = new WebClientRequestException(new ConnectTimeoutException("timed out"),
				HttpMethod.DELETE, URI.create("https://api.moonshot.ai/v1/files/x"), new HttpHeaders());

		assertThat(failure(userConnector, failure, "DELETE /v1/files/x", Deadline.response(Duration.ofSeconds(1))))
			.isInstanceOfSatisfying(MoonshotTimeoutException.class, (ex) -> {
				assertThat(ex.getTimeout()).isNull();
				assertThat(ex.getMessage()).contains("within the connector's connect timeout");
			});
	}

	@Test
	void theKeyIsMaskedInEveryPartOfAnErrorResponse() {
		String body = "{\"error\":{\"message\":\"bad header Bearer " + API_KEY + "\",\"type\":\"invalid_request_error\","
				+ "\"param\":\"" + API_KEY + "\"}}";

		MoonshotApiException translated = response(this.translator, HttpStatusCode.valueOf(400), new HttpHeaders(),
				body.getBytes(StandardCharsets.UTF_8), "DELETE /v1/files/x");

		assertThat(translated.getProviderMessage()).isEqualTo("bad header Bearer [REDACTED]");
		assertThat(translated.getError().param()).isEqualTo("[REDACTED]");
		assertThat(translated.getResponseBody()).doesNotContain(API_KEY).contains("[REDACTED]");
		assertThat(translated.getMessage()).doesNotContain(API_KEY);
	}

	@Test
	void aBodyCutInsideTheKeyKeepsNoStartOfIt() {
		byte[] cut = ("<pre>Authorization: Bearer " + API_KEY.substring(0, 9)).getBytes(StandardCharsets.UTF_8);

		MoonshotApiException translated = response(this.translator, HttpStatusCode.valueOf(502), new HttpHeaders(),
				cut, "GET /v1/files");

		assertThat(translated.getResponseBody()).isEqualTo("<pre>Authorization: Bearer [REDACTED]");
	}

	@Test
	void aDecoderMessageThatQuotesTheKeyIsNotKept() {
		DecodingException failure = new DecodingException("JSON decoding error: Unrecognized token '"
				+ API_KEY.substring(0, 20) + "': was expecting (JSON String, Number, Array, Object or token 'null')");

		Throwable translated = failure(this.translator, failure, "DELETE /v1/files/x",
				Deadline.response(Duration.ofSeconds(1)));

		assertThat(translated).isInstanceOf(MoonshotMalformedResponseException.class).hasNoCause();
		assertThat(translated.getMessage()).doesNotContain(API_KEY.substring(0, SecretRedactor.MIN_QUOTED_FRAGMENT))
			.contains("could not be read");
	}

	@Test
	void aMissingRequiredFieldIsNamedWithTheCall() {
		Throwable translated = failure(this.translator, 
				new WireFormatException("created_at", "is missing").within("data[3]"), "GET /v1/files",
				Deadline.response(Duration.ofSeconds(1)));

		assertThat(translated).isInstanceOf(MoonshotMalformedResponseException.class)
			.hasMessage("Moonshot GET /v1/files returned a response that does not have the documented shape: "
					+ "the required field 'data[3].created_at' is missing");
	}

	@Test
	void reactorTimeoutIsTheResponseTimeout() {
		Throwable translated = failure(this.translator, new TimeoutException("Did not observe any item"),
				"DELETE /v1/files/x", Deadline.response(Duration.ofMillis(1500)));

		assertThat(translated).isInstanceOfSatisfying(MoonshotTimeoutException.class, (ex) -> {
			assertThat(ex.getTimeoutType()).isEqualTo(MoonshotTimeoutException.TimeoutType.RESPONSE);
			assertThat(ex.getTimeout()).isEqualTo(Duration.ofMillis(1500));
			assertThat(ex.getMessage()).isEqualTo("Moonshot DELETE /v1/files/x got no complete response within the "
					+ "response timeout of 1500 ms (moonshot.response-timeout)");
		});
	}

	@Test
	void uploadTimeoutIsNamedAsSuch() {
		Throwable translated = failure(this.translator, new TimeoutException(), "POST /v1/files (a.pdf)",
				Deadline.upload(Duration.ofMinutes(5)));

		assertThat(translated).hasMessage("Moonshot POST /v1/files (a.pdf) got no complete response within the "
				+ "upload timeout of 300000 ms (moonshot.upload-timeout)");
	}

	@Test
	void tooLargeResponseIsMalformed() {
		Throwable translated = failure(this.translator, 
				new DataBufferLimitException("Exceeded limit on max bytes to buffer : 16777216"),
				"GET /v1/files/x/content", Deadline.response(Duration.ofSeconds(1)));

		assertThat(translated).isExactlyInstanceOf(MoonshotMalformedResponseException.class)
			.hasMessageContaining("larger than the client reads into memory");
	}

	@Test
	void decodingFailureIsMalformedResponse() {
		assertThat(failure(this.translator, new DecodingException("JSON decoding error"), "DELETE /v1/files/x",
				Deadline.response(Duration.ofSeconds(1))))
			.isExactlyInstanceOf(MoonshotMalformedResponseException.class);
	}

	@Test
	void moonshotExceptionsAndErrorsPassThrough() {
		MoonshotTransportException already = new MoonshotTransportException("x", null);
		OutOfMemoryError error = new OutOfMemoryError();

		assertThat(failure(this.translator, already, "c", Deadline.response(Duration.ofSeconds(1)))).isSameAs(already);
		assertThat(failure(this.translator, error, "c", Deadline.response(Duration.ofSeconds(1)))).isSameAs(error);
	}

	@Test
	void fileCountLimitTellsTheUserToDeleteFiles() {
		String body = "{\"error\":{\"message\":\"The number of files you have uploaded exceeded the max file count "
				+ "1000, please delete previous uploaded files\",\"type\":\"invalid_request_error\"}}";

		MoonshotApiException ex = response(this.translator, HttpStatusCode.valueOf(400), new HttpHeaders(),
				body.getBytes(StandardCharsets.UTF_8), "POST /v1/files (a.pdf)");

		assertThat(ex).isExactlyInstanceOf(MoonshotFileCountLimitException.class)
			.isInstanceOf(MoonshotBadRequestException.class)
			.hasMessageEndingWith("Delete files that are no longer needed (an account holds at most 1,000), e.g. "
					+ "with MoonshotRetention, MoonshotFilesClient.deleteOlderThan(...) or deleteMatching(...), then upload again.");
		assertThat(ex.isRetryable()).isFalse();
	}

	private static MoonshotApiException response(MoonshotExceptionTranslator translator, HttpStatusCode status,
			HttpHeaders headers, byte[] body, String call) {
		MoonshotFailure failure = translator.fromResponse(status, headers, body, call).failure();
		assertThat(failure.delivery()).isEqualTo(MoonshotFailure.Delivery.ANSWERED);
		MoonshotException exception = failure.toException(null, java.util.List.of());
		assertThat(exception.getFailureKind()).as("the class's kind is the classified one").isEqualTo(failure.kind());
		return (MoonshotApiException) exception;
	}

	/** The exception a failure is translated into, or what passed through untranslated. */
	private static Throwable failure(MoonshotExceptionTranslator translator, Throwable failure, String call,
			Deadline deadline) {
		Throwable translated = translator.fromFailure(failure, call, deadline);
		return (translated instanceof AttemptFailure attempt) ? attempt.failure().toException(null, java.util.List.of())
				: translated;
	}

	@Test
	void eachFailureSaysWhetherTheRequestMayHaveReachedTheProvider() {
		Deadline deadline = Deadline.response(Duration.ofSeconds(1));
		URI uri = URI.create("https://api.moonshot.ai/v1/files/x");
		java.util.function.Function<Throwable, MoonshotFailure.Delivery> delivery = (failure) -> ((AttemptFailure) this.translator
			.fromFailure(failure, "DELETE /v1/files/x", deadline)).failure().delivery();

		assertThat(delivery.apply(new WebClientRequestException(new ConnectException("refused"), HttpMethod.DELETE, uri,
				new HttpHeaders()))).isEqualTo(MoonshotFailure.Delivery.NOT_SENT);
		assertThat(delivery.apply(new WebClientRequestException(new ConnectTimeoutException("slow"), HttpMethod.DELETE,
				uri, new HttpHeaders()))).isEqualTo(MoonshotFailure.Delivery.NOT_SENT);
		assertThat(delivery.apply(new WebClientRequestException(new java.io.IOException("Connection reset by peer"),
				HttpMethod.DELETE, uri, new HttpHeaders()))).isEqualTo(MoonshotFailure.Delivery.POSSIBLY_PROCESSED);
		assertThat(delivery.apply(new WebClientRequestException(io.netty.handler.timeout.ReadTimeoutException.INSTANCE,
				HttpMethod.DELETE, uri, new HttpHeaders()))).isEqualTo(MoonshotFailure.Delivery.POSSIBLY_PROCESSED);
		assertThat(delivery.apply(new TimeoutException())).isEqualTo(MoonshotFailure.Delivery.POSSIBLY_PROCESSED);
		assertThat(delivery.apply(new DecodingException("bad"))).isEqualTo(MoonshotFailure.Delivery.POSSIBLY_PROCESSED);
		assertThat(delivery.apply(new WireFormatException("id", "is missing")))
			.isEqualTo(MoonshotFailure.Delivery.POSSIBLY_PROCESSED);
	}

	static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> statusMatrix() {
		return java.util.stream.Stream.of(
				org.junit.jupiter.params.provider.Arguments.of(400, "invalid_request_error", "Invalid purpose",
						MoonshotBadRequestException.class, false),
				org.junit.jupiter.params.provider.Arguments.of(400, "invalid_request_error",
						"The number of files you have uploaded exceeded the max file count 1000, please delete previous uploaded files",
						MoonshotFileCountLimitException.class, false),
				org.junit.jupiter.params.provider.Arguments.of(401, "invalid_authentication_error", "Invalid Authentication",
						MoonshotAuthenticationException.class, false),
				org.junit.jupiter.params.provider.Arguments.of(403, "permission_denied_error", "denied",
						MoonshotPermissionDeniedException.class, false),
				org.junit.jupiter.params.provider.Arguments.of(404, "resource_not_found_error", "File not found",
						MoonshotNotFoundException.class, false),
				org.junit.jupiter.params.provider.Arguments.of(408, null, null, MoonshotApiException.class, true),
				org.junit.jupiter.params.provider.Arguments.of(418, null, null, MoonshotApiException.class, false),
				org.junit.jupiter.params.provider.Arguments.of(429, "rate_limit_reached_error", "max RPM",
						MoonshotRateLimitException.class, true),
				org.junit.jupiter.params.provider.Arguments.of(429, "engine_overloaded_error", "overloaded",
						MoonshotRateLimitException.class, true),
				org.junit.jupiter.params.provider.Arguments.of(429, null, null, MoonshotRateLimitException.class, true),
				org.junit.jupiter.params.provider.Arguments.of(429, "exceeded_current_quota_error", "suspended",
						MoonshotQuotaExceededException.class, false),
				org.junit.jupiter.params.provider.Arguments.of(500, "server_error", "boom", MoonshotServerException.class,
						true),
				org.junit.jupiter.params.provider.Arguments.of(501, null, null, MoonshotServerException.class, false),
				org.junit.jupiter.params.provider.Arguments.of(502, null, null, MoonshotServerException.class, true),
				org.junit.jupiter.params.provider.Arguments.of(503, null, null, MoonshotServerException.class, true),
				org.junit.jupiter.params.provider.Arguments.of(504, null, null, MoonshotServerException.class, true),
				org.junit.jupiter.params.provider.Arguments.of(599, null, null, MoonshotServerException.class, false));
	}

	/** The one table of status and error type to exception type and retryability. */
	@org.junit.jupiter.params.ParameterizedTest(name = "{0} {1} -> {3}")
	@org.junit.jupiter.params.provider.MethodSource("statusMatrix")
	void statusAndErrorTypeChooseTheException(int status, String type, String message,
			Class<? extends MoonshotApiException> exception, boolean retryable) {
		String body = (type != null)
				? "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\"}}" : "";

		MoonshotApiException translated = response(this.translator, HttpStatusCode.valueOf(status), new HttpHeaders(),
				body.getBytes(StandardCharsets.UTF_8), "DELETE /v1/files/x");

		assertThat(translated).isExactlyInstanceOf(exception);
		assertThat(translated.isRetryable()).isEqualTo(retryable);
		assertThat(translated.getStatusCode().value()).isEqualTo(status);
		assertThat(translated.getErrorType()).isEqualTo(type);
		assertThat(translated.getProviderMessage()).isEqualTo(message);
	}

}
