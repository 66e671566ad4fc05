package dev.moonshot.spring.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.moonshot.spring.client.exception.MoonshotApiError;
import dev.moonshot.spring.client.exception.MoonshotApiException;
import dev.moonshot.spring.client.exception.MoonshotAuthenticationException;
import dev.moonshot.spring.client.exception.MoonshotBadRequestException;
import dev.moonshot.spring.client.exception.MoonshotConnectException;
import dev.moonshot.spring.client.exception.MoonshotException;
import dev.moonshot.spring.client.exception.MoonshotMalformedResponseException;
import dev.moonshot.spring.client.exception.MoonshotNotFoundException;
import dev.moonshot.spring.client.exception.MoonshotPermissionDeniedException;
import dev.moonshot.spring.client.exception.MoonshotQuotaExceededException;
import dev.moonshot.spring.client.exception.MoonshotRateLimitException;
import dev.moonshot.spring.client.exception.MoonshotServerException;
import dev.moonshot.spring.client.exception.MoonshotTimeoutException;
import dev.moonshot.spring.client.exception.MoonshotTransportException;
import dev.moonshot.spring.client.model.FileDeleteResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

import org.springframework.http.HttpStatusCode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DefaultMoonshotFilesClientTests {

	static final String API_KEY = "sk-test-7f3c9a1e5b2d4c6f8a0b";

	static final String FILE_ID = "cqd0d4b4hdjbdq7nrsmg";

	@RegisterExtension
	static WireMockExtension wiremock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private MoonshotFilesClient client() {
		return client(wiremock.baseUrl());
	}

	private MoonshotFilesClient client(String baseUrl) {
		return MoonshotFilesClient.builder()
			.retry(MoonshotRetrySettings.disabled())
			.apiKey(API_KEY)
			.baseUrl(baseUrl)
			.responseTimeout(Duration.ofSeconds(5))
			.build();
	}

	@Test
	void deleteSendsTheDocumentedRequest() {
		wiremock.stubFor(delete("/v1/files/" + FILE_ID).willReturn(
				okJson("{\"id\":\"" + FILE_ID + "\",\"object\":\"file\",\"deleted\":true}")
					.withHeader("Msh-Request-Id", "req-123")));

		FileDeleteResponse response = client().delete(FILE_ID).block();

		assertThat(response).isEqualTo(new FileDeleteResponse(FILE_ID, "file", true, "req-123"));
		wiremock.verify(1, deleteRequestedFor(urlPathEqualTo("/v1/files/" + FILE_ID))
			.withHeader("Authorization", equalTo("Bearer " + API_KEY))
			.withHeader("Accept", equalTo("application/json"))
			.withHeader("User-Agent", equalTo("moonshot-spring-boot-starter/" + ClientVersion.VERSION)));
		assertThat(ClientVersion.VERSION).matches("\\d+\\.\\d+\\.\\d+.*");
		assertThat(wiremock.getAllServeEvents()).singleElement()
			.satisfies((event) -> assertThat(event.getRequest().getUrl()).isEqualTo("/v1/files/" + FILE_ID));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "/", "/v1", "/v1/", "//", "/v1//" })
	void everyFormOfTheBaseUrlReachesV1Files(String suffix) {
		wiremock.stubFor(delete("/v1/files/" + FILE_ID).willReturn(okJson("{\"id\":\"" + FILE_ID
				+ "\",\"object\":\"file\",\"deleted\":true}")));

		client(wiremock.baseUrl() + suffix).delete(FILE_ID).block();

		wiremock.verify(1, deleteRequestedFor(urlPathEqualTo("/v1/files/" + FILE_ID)));
	}

	@Test
	void baseUrlWithAPathPrefixKeepsThePrefix() {
		wiremock.stubFor(delete("/moonshot/v1/files/" + FILE_ID).willReturn(okJson("{\"id\":\"f\",\"object\":\"file\",\"deleted\":true}")));

		client(wiremock.baseUrl() + "/moonshot/v1/").delete(FILE_ID).block();

		wiremock.verify(1, deleteRequestedFor(urlPathEqualTo("/moonshot/v1/files/" + FILE_ID)));
	}

	@Test
	void unknownFieldsAreIgnored() {
		wiremock.stubFor(delete("/v1/files/" + FILE_ID).willReturn(okJson("{\"id\":\"" + FILE_ID
				+ "\",\"object\":\"file\",\"deleted\":true,\"deleted_at\":1700815879,\"extra\":{\"a\":[1,2]}}")));

		assertThat(client().delete(FILE_ID).block())
			.isEqualTo(new FileDeleteResponse(FILE_ID, "file", true, null));
	}

	@Test
	void deletedFalseIsReportedAsSent() {
		wiremock.stubFor(delete("/v1/files/" + FILE_ID)
			.willReturn(okJson("{\"id\":\"" + FILE_ID + "\",\"object\":\"file\",\"deleted\":false}")));

		assertThat(client().delete(FILE_ID).block().deleted()).isFalse();
	}

	@Test
	void noContentMeansDeleted() {
		wiremock.stubFor(delete("/v1/files/" + FILE_ID)
			.willReturn(aResponse().withStatus(204).withHeader("Msh-Request-Id", "req-204")));

		assertThat(client().delete(FILE_ID).block())
			.isEqualTo(new FileDeleteResponse(FILE_ID, "file", true, "req-204"));
	}

	@Test
	void okWithEmptyBodyMeansDeleted() {
		wiremock.stubFor(delete("/v1/files/" + FILE_ID).willReturn(aResponse().withStatus(200)));

		assertThat(client().delete(FILE_ID).block())
			.isEqualTo(new FileDeleteResponse(FILE_ID, "file", true, null));
	}

	@Test
	void aDeleteAnswerWithoutDeletedIsMalformedNotDeleted() {
		wiremock.stubFor(delete("/v1/files/" + FILE_ID)
			.willReturn(okJson("{\"id\":\"" + FILE_ID + "\",\"object\":\"file\"}")));

		assertThatExceptionOfType(MoonshotMalformedResponseException.class)
			.isThrownBy(() -> client().delete(FILE_ID).block())
			.withMessage("Moonshot DELETE /v1/files/" + FILE_ID + " returned a response that does not have the "
					+ "documented shape: the required field 'deleted' is missing");
		assertThat(client().deleteAll(java.util.List.of(FILE_ID)).block().failures()).singleElement()
			.satisfies((failure) -> assertThat(failure.failure()).isInstanceOf(MoonshotMalformedResponseException.class));
	}

	@ParameterizedTest
	@MethodSource("invalidFileIds")
	void invalidFileIdIsRejectedBeforeAnyRequest(String fileId, String expectedMessagePart) {
		wiremock.stubFor(any(anyUrl()).willReturn(okJson("{}")));
		MoonshotFilesClient client = client();

		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> client.delete(fileId))
			.withMessageContaining(expectedMessagePart);
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> client.blocking().delete(fileId))
			.withMessageContaining(expectedMessagePart);
		wiremock.verify(0, anyRequestedFor(anyUrl()));
	}

	static Stream<Arguments> invalidFileIds() {
		return Stream.of(Arguments.of(null, "must not be null"), Arguments.of("", "must not be empty or blank"),
				Arguments.of("   ", "must not be empty or blank, got \"   \""),
				Arguments.of("a".repeat(257), "is too long (257 characters)"),
				Arguments.of(".", "would address another path"), Arguments.of("..", "would address another path"),
				Arguments.of("../admin", "(\"/\" at index 2)"), Arguments.of("abc/def", "(\"/\" at index 3)"),
				Arguments.of("abc def", "(\" \" at index 3)"), Arguments.of("abc%2F", "(\"%\" at index 3)"),
				Arguments.of("abc?x=1", "(\"?\" at index 3)"), Arguments.of("abc#x", "(\"#\" at index 3)"),
				Arguments.of("abc\r\nInjected: yes", "\"abc\\u000d\\u000aInjected: yes\""),
				Arguments.of("a\\b", "(\"\\\\\" at index 1)"), Arguments.of("a\tb", "at index 1"),
				Arguments.of("a\u00a0b", "at index 1"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "file_01h455vb4pex5vsknk084sn02q", "a:b", "x~y", "\u30c9\u30ad\u30e5\u30e1\u30f3\u30c8", "...", "fil\u00e9" })
	void opaqueIdsAreSentPercentEncodedByTheTemplate(String id) {
		wiremock.stubFor(any(anyUrl())
			.willReturn(okJson("{\"id\":\"x\",\"object\":\"file\",\"deleted\":true}")));

		client().delete(id).block();

		// WebClient encodes a template's values strictly: everything but the unreserved characters
		String encoded = org.springframework.web.util.UriUtils.encode(id, java.nio.charset.StandardCharsets.UTF_8);
		assertThat(wiremock.getAllServeEvents()).singleElement()
			.satisfies((event) -> assertThat(event.getRequest().getUrl()).isEqualTo("/v1/files/" + encoded));
	}

	@Test
	void longestValidFileIdIsAccepted() {
		String id = "a-b_c.D9".repeat(32);
		wiremock.stubFor(delete("/v1/files/" + id)
			.willReturn(okJson("{\"id\":\"" + id + "\",\"object\":\"file\",\"deleted\":true}")));

		assertThat(client().delete(id).block().id()).isEqualTo(id);
	}

	@Test
	void badRequest() {
		MoonshotBadRequestException ex = failDelete(400,
				"{\"error\":{\"message\":\"File size is zero\",\"type\":\"invalid_request_error\",\"code\":\"file_empty\",\"param\":\"file\"}}",
				MoonshotBadRequestException.class);
		assertError(ex, 400, "invalid_request_error", "file_empty", "File size is zero");
		assertThat(ex.getError().param()).isEqualTo("file");
		assertThat(ex.isRetryable()).isFalse();
		assertThat(ex.getMessage()).isEqualTo("Moonshot DELETE /v1/files/" + FILE_ID
				+ " failed with HTTP 400 Bad Request: [invalid_request_error] File size is zero (request id req-1)");
	}

	@Test
	void unauthorized() {
		MoonshotAuthenticationException ex = failDelete(401,
				"{\"error\":{\"message\":\"Invalid Authentication\",\"type\":\"invalid_authentication_error\"}}",
				MoonshotAuthenticationException.class);
		assertError(ex, 401, "invalid_authentication_error", null, "Invalid Authentication");
		assertThat(ex.isRetryable()).isFalse();
	}

	@Test
	void forbidden() {
		MoonshotPermissionDeniedException ex = failDelete(403,
				"{\"error\":{\"message\":\"Permission denied\",\"type\":\"permission_denied_error\"}}",
				MoonshotPermissionDeniedException.class);
		assertError(ex, 403, "permission_denied_error", null, "Permission denied");
		assertThat(ex.isRetryable()).isFalse();
	}

	@Test
	void notFound() {
		MoonshotNotFoundException ex = failDelete(404,
				"{\"error\":{\"message\":\"File not found\",\"type\":\"resource_not_found_error\"}}",
				MoonshotNotFoundException.class);
		assertError(ex, 404, "resource_not_found_error", null, "File not found");
		assertThat(ex.isRetryable()).isFalse();
		assertThat(ex.getMessage()).isEqualTo("Moonshot DELETE /v1/files/" + FILE_ID
				+ " failed with HTTP 404 Not Found: [resource_not_found_error] File not found (request id req-1)");
	}

	@Test
	void rateLimitedCarriesRetryAfter() {
		wiremock.stubFor(delete("/v1/files/" + FILE_ID).willReturn(aResponse().withStatus(429)
			.withHeader("Content-Type", "application/json")
			.withHeader("Msh-Request-Id", "req-429")
			.withHeader("Retry-After", "7")
			.withBody("{\"error\":{\"message\":\"Your account reached max RPM\",\"type\":\"rate_limit_reached_error\"}}")));

		MoonshotRateLimitException ex = expectFailure(MoonshotRateLimitException.class);

		assertThat(ex.getError()).isEqualTo(new MoonshotApiError(HttpStatusCode.valueOf(429),
				"rate_limit_reached_error", null, "Your account reached max RPM", null, "req-429",
				"{\"error\":{\"message\":\"Your account reached max RPM\",\"type\":\"rate_limit_reached_error\"}}"));
		assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(7));
		assertThat(ex.isRetryable()).isTrue();
	}

	@Test
	void rateLimitedWithoutTypeOrRetryAfter() {
		wiremock.stubFor(delete("/v1/files/" + FILE_ID).willReturn(aResponse().withStatus(429)));

		MoonshotRateLimitException ex = expectFailure(MoonshotRateLimitException.class);

		assertThat(ex.getError()).isEqualTo(MoonshotApiError.ofStatus(HttpStatusCode.valueOf(429)));
		assertThat(ex.getRetryAfter()).isNull();
		assertThat(ex.isRetryable()).isTrue();
		assertThat(ex.getMessage()).endsWith("failed with HTTP 429 Too Many Requests (empty body)");
	}

	@Test
	void engineOverloadedIsRateLimited() {
		MoonshotRateLimitException ex = failDelete(429,
				"{\"error\":{\"message\":\"The engine is currently overloaded\",\"type\":\"engine_overloaded_error\"}}",
				MoonshotRateLimitException.class);
		assertError(ex, 429, "engine_overloaded_error", null, "The engine is currently overloaded");
	}

	@Test
	void quotaExceededIsNotRateLimited() {
		MoonshotQuotaExceededException ex = failDelete(429,
				"{\"error\":{\"message\":\"Your account is suspended\",\"type\":\"exceeded_current_quota_error\"}}",
				MoonshotQuotaExceededException.class);
		assertError(ex, 429, "exceeded_current_quota_error", null, "Your account is suspended");
		assertThat(ex).isNotInstanceOf(MoonshotRateLimitException.class);
		assertThat(ex.isRetryable()).isFalse();
	}

	@Test
	void serverErrorWithProviderJson() {
		MoonshotServerException ex = failDelete(500,
				"{\"error\":{\"message\":\"Internal error\",\"type\":\"server_error\",\"request_id\":\"body-req\"}}",
				MoonshotServerException.class);
		assertError(ex, 500, "server_error", null, "Internal error");
		assertThat(ex.getRequestId()).as("the header wins over error.request_id").isEqualTo("req-1");
		assertThat(ex.isRetryable()).isTrue();
	}

	@Test
	void requestIdFallsBackToTheBody() {
		wiremock.stubFor(delete("/v1/files/" + FILE_ID).willReturn(aResponse().withStatus(500)
			.withBody("{\"error\":{\"message\":\"Internal error\",\"type\":\"server_error\",\"request_id\":\"body-req\"}}")));

		assertThat(expectFailure(MoonshotServerException.class).getRequestId()).isEqualTo("body-req");
	}

	@Test
	void badGatewayWithHtml() {
		String html = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway"
				+ "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
		wiremock.stubFor(delete("/v1/files/" + FILE_ID)
			.willReturn(aResponse().withStatus(502).withHeader("Content-Type", "text/html").withBody(html)));

		MoonshotServerException ex = expectFailure(MoonshotServerException.class);

		assertThat(ex.getError())
			.isEqualTo(new MoonshotApiError(HttpStatusCode.valueOf(502), null, null, null, null, null, html));
		assertThat(ex.isRetryable()).isTrue();
		assertThat(ex.getMessage()).isEqualTo("Moonshot DELETE /v1/files/" + FILE_ID + " failed with HTTP 502 Bad "
				+ "Gateway, body: <html> <head><title>502 Bad Gateway</title></head> <body> <center><h1>502 Bad "
				+ "Gateway</h1></center> <hr><center>nginx</center> </body> </html>");
	}

	@Test
	void serviceUnavailableWithEmptyBody() {
		wiremock.stubFor(delete("/v1/files/" + FILE_ID)
			.willReturn(aResponse().withStatus(503).withHeader("Msh-Request-Id", "req-503")));

		MoonshotServerException ex = expectFailure(MoonshotServerException.class);

		assertThat(ex.getError())
			.isEqualTo(new MoonshotApiError(HttpStatusCode.valueOf(503), null, null, null, null, "req-503", ""));
		assertThat(ex.isRetryable()).isTrue();
		assertThat(ex.getMessage()).isEqualTo("Moonshot DELETE /v1/files/" + FILE_ID
				+ " failed with HTTP 503 Service Unavailable (empty body) (request id req-503)");
	}

	@Test
	void otherStatusGetsTheBranchRoot() {
		wiremock.stubFor(delete("/v1/files/" + FILE_ID).willReturn(aResponse().withStatus(418)
			.withHeader("Msh-Request-Id", "req-418")
			.withHeader("Content-Type", "text/plain")
			.withBody("I'm a teapot")));

		MoonshotApiException ex = expectFailure(MoonshotApiException.class);

		assertThat(ex.getClass()).isEqualTo(MoonshotApiException.class);
		assertThat(ex.getError()).isEqualTo(
				new MoonshotApiError(HttpStatusCode.valueOf(418), null, null, null, null, "req-418", "I'm a teapot"));
		assertThat(ex.isRetryable()).isFalse();
		assertThat(ex.getMessage()).isEqualTo("Moonshot DELETE /v1/files/" + FILE_ID
				+ " failed with HTTP 418 I'm a teapot, body: I'm a teapot (request id req-418)");
	}

	@Test
	void unknownStatusCode() {
		wiremock.stubFor(delete("/v1/files/" + FILE_ID).willReturn(aResponse().withStatus(599)));

		MoonshotServerException ex = expectFailure(MoonshotServerException.class);

		assertThat(ex.getStatusCode().value()).isEqualTo(599);
		assertThat(ex.isRetryable()).isFalse();
		assertThat(ex.getMessage()).endsWith("failed with HTTP 599 (empty body)");
	}

	@Test
	void largeErrorBodyIsCapped() {
		String body = "x".repeat(200_000);
		wiremock.stubFor(delete("/v1/files/" + FILE_ID).willReturn(aResponse().withStatus(500).withBody(body)));

		MoonshotServerException ex = expectFailure(MoonshotServerException.class);

		assertThat(ex.getResponseBody()).hasSize(MoonshotApiError.MAX_BODY_CHARS);
		assertThat(ex.getMessage()).hasSizeLessThan(400);
	}

	@Test
	void malformedJsonOnSuccess() {
		wiremock.stubFor(delete("/v1/files/" + FILE_ID).willReturn(okJson("{\"id\":")));

		MoonshotMalformedResponseException ex = expectFailure(MoonshotMalformedResponseException.class);

		assertThat(ex.getMessage()).startsWith("Moonshot DELETE /v1/files/" + FILE_ID
				+ " returned a response that could not be read");
		assertThat(ex.isRetryable()).isTrue();
	}

	@Test
	void htmlOnSuccessIsMalformed() {
		wiremock.stubFor(delete("/v1/files/" + FILE_ID).willReturn(
				aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>login</html>")));

		expectFailure(MoonshotMalformedResponseException.class);
	}

	@Test
	void connectionResetBeforeResponse() {
		wiremock.stubFor(delete("/v1/files/" + FILE_ID)
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		MoonshotTransportException ex = expectFailure(MoonshotTransportException.class);

		assertThat(ex.getClass()).isEqualTo(MoonshotTransportException.class);
		assertThat(ex.getMessage()).startsWith("Moonshot DELETE /v1/files/" + FILE_ID
				+ " failed before a response arrived");
		assertThat(ex.getCause()).isInstanceOf(IOException.class);
		assertThat(ex.isRetryable()).isTrue();
	}

	@Test
	void connectionRefused() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		MoonshotFilesClient client = client("http://127.0.0.1:" + closedPort);

		MoonshotConnectException ex = catchThrowableOfType(MoonshotConnectException.class,
				() -> client.delete(FILE_ID).block());

		assertThat(ex).isNotNull();
		assertThat(ex.getMessage()).startsWith("Moonshot DELETE /v1/files/" + FILE_ID + " could not connect: ")
			.contains("Connection refused");
		assertThat(ex.getCause()).isInstanceOf(java.net.ConnectException.class);
		SecretAssertions.assertKeyNotIn(ex, API_KEY);
	}

	@Test
	void responseTimeoutEndsTheCall() {
		wiremock.stubFor(delete("/v1/files/" + FILE_ID).willReturn(okJson("{}").withFixedDelay(5_000)));
		MoonshotFilesClient client = MoonshotFilesClient.builder()
			.retry(MoonshotRetrySettings.disabled())
			.apiKey(API_KEY)
			.baseUrl(wiremock.baseUrl())
			.responseTimeout(Duration.ofMillis(200))
			.build();

		StepVerifier.create(client.delete(FILE_ID))
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(MoonshotTimeoutException.class);
				MoonshotTimeoutException timeout = (MoonshotTimeoutException) ex;
				assertThat(timeout.getTimeoutType()).isEqualTo(MoonshotTimeoutException.TimeoutType.RESPONSE);
				assertThat(timeout.getTimeout()).isEqualTo(Duration.ofMillis(200));
				assertThat(timeout.getMessage()).isEqualTo("Moonshot DELETE /v1/files/" + FILE_ID
						+ " got no complete response within the response timeout of 200 ms (moonshot.response-timeout)");
			})
			.verify(Duration.ofSeconds(3));
	}

	@Test
	void nothingIsSentUntilSubscribed() {
		client().delete(FILE_ID);

		wiremock.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void noFailureRevealsTheApiKey() {
		int[] statuses = { 400, 401, 403, 404, 429, 500, 502, 503, 418 };
		for (int status : statuses) {
			wiremock.stubFor(delete("/v1/files/" + FILE_ID).willReturn(aResponse().withStatus(status)
				.withBody("{\"error\":{\"message\":\"echo Authorization\",\"type\":\"x\"}}")));
			SecretAssertions.assertKeyNotIn(expectFailure(MoonshotApiException.class), API_KEY);
		}
		for (Fault fault : new Fault[] { Fault.CONNECTION_RESET_BY_PEER, Fault.EMPTY_RESPONSE,
				Fault.MALFORMED_RESPONSE_CHUNK, Fault.RANDOM_DATA_THEN_CLOSE }) {
			wiremock.stubFor(delete("/v1/files/" + FILE_ID).willReturn(aResponse().withFault(fault)));
			SecretAssertions.assertKeyNotIn(expectFailure(MoonshotTransportException.class), API_KEY);
		}
		assertThat(client().toString()).doesNotContain(API_KEY);
	}

	private <T extends MoonshotApiException> T failDelete(int status, String json, Class<T> type) {
		wiremock.stubFor(delete("/v1/files/" + FILE_ID).willReturn(aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withHeader("Msh-Request-Id", "req-1")
			.withBody(json)));
		T ex = expectFailure(type);
		assertThat(ex.getRequestId()).isEqualTo("req-1");
		assertThat(ex.getResponseBody()).isEqualTo(json);
		assertThat(ex.getError()).isEqualTo(new MoonshotApiError(HttpStatusCode.valueOf(status), ex.getErrorType(),
				ex.getErrorCode(), ex.getProviderMessage(), ex.getError().param(), "req-1", json));
		return ex;
	}

	private <T extends MoonshotException> T expectFailure(Class<T> type) {
		T ex = catchThrowableOfType(type, () -> client().delete(FILE_ID).block());
		assertThat(ex).as("expected %s", type.getSimpleName()).isNotNull();
		return ex;
	}

	private static void assertError(MoonshotApiException ex, int status, String type, String code, String message) {
		assertThat(ex.getStatusCode().value()).isEqualTo(status);
		assertThat(ex.getErrorType()).isEqualTo(type);
		assertThat(ex.getErrorCode()).isEqualTo(code);
		assertThat(ex.getProviderMessage()).isEqualTo(message);
	}

}
