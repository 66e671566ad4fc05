package dev.moonshot.spring.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.moonshot.spring.client.exception.MoonshotApiException;
import dev.moonshot.spring.client.exception.MoonshotAuthenticationException;
import dev.moonshot.spring.client.exception.MoonshotBadRequestException;
import dev.moonshot.spring.client.exception.MoonshotConflictException;
import dev.moonshot.spring.client.exception.MoonshotFailedPreconditionException;
import dev.moonshot.spring.client.exception.MoonshotInvalidParameterException;
import dev.moonshot.spring.client.exception.MoonshotMalformedResponseException;
import dev.moonshot.spring.client.exception.MoonshotNotFoundException;
import dev.moonshot.spring.client.exception.MoonshotPaginationException;
import dev.moonshot.spring.client.exception.MoonshotPermissionDeniedException;
import dev.moonshot.spring.client.exception.MoonshotQuotaExceededException;
import dev.moonshot.spring.client.exception.MoonshotRateLimitException;
import dev.moonshot.spring.client.exception.MoonshotServerException;
import dev.moonshot.spring.client.exception.MoonshotVersionHeaderRequiredException;
import dev.moonshot.spring.client.model.FileDeleteResponse;
import dev.moonshot.spring.client.model.FileObject;
import dev.moonshot.spring.client.model.FilePurpose;
import dev.moonshot.spring.client.model.MoonshotApiDeprecation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.test.StepVerifier;

import org.springframework.core.io.ByteArrayResource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The versioned Files API ({@code kimi-api-version: 2026-09-01-beta}) and the compatible one, on the wire.
 */
class DefaultMoonshotFilesClientVersionedApiTests {

	private static final String API_KEY = "sk-versioned-4b1e9c7a2f";

	private static final String VERSION = MoonshotApiVersion.V2026_09_01_BETA;

	static final String VERSIONED_FILE = "{\"id\":\"file_01h455vb4pex5vsknk084sn02q\",\"filename\":\"report (1).pdf\","
			+ "\"mime_type\":\"application/pdf\",\"size_bytes\":2048,\"created_at\":\"2026-09-03T10:15:30Z\","
			+ "\"purpose\":\"file-extract\",\"extract_status\":\"ready\"}";

	static final FileObject VERSIONED_OBJECT = new FileObject("file_01h455vb4pex5vsknk084sn02q", null, 2048,
			Instant.parse("2026-09-03T10:15:30Z"), "report (1).pdf", "file-extract", "ready", null, "application/pdf");

	@RegisterExtension
	static WireMockExtension wiremock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	@RegisterExtension
	final DebugLogs logs = new DebugLogs();

	private MoonshotFilesClient client(String version) {
		return MoonshotFilesClient.builder()
			.apiKey(API_KEY)
			.baseUrl(wiremock.baseUrl())
			.apiVersion(version)
			.pageSize(2)
			.retry(MoonshotRetrySettings.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(10)))
			.build();
	}

	@Test
	void theVersionHeaderIsSentOnlyWhenAVersionIsSet() {
		wiremock.stubFor(get(urlPathEqualTo("/v1/files")).willReturn(okJson("{\"items\":[]}")));

		client(VERSION).list().block();
		client(null).list().block();

		wiremock.verify(1, getRequestedFor(urlPathEqualTo("/v1/files")).withHeader("kimi-api-version", equalTo(VERSION))
			.withQueryParam("page_size", equalTo("2")));
		wiremock.verify(1, getRequestedFor(urlPathEqualTo("/v1/files")).withHeader("kimi-api-version", absent())
			.withQueryParam("page_size", absent()));
	}

	@Test
	void aVersionOfAnotherFormIsRefusedWhenBuilt() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> MoonshotFilesClient.builder().apiVersion("latest"))
			.withMessageContaining("is not a dated version (YYYY-MM-DD, optionally with a suffix), e.g. 2026-09-01-beta");
	}

	@Test
	void eitherShapeDecodesWhateverWasAskedFor() {
		String compatible = "{\"id\":\"f1\",\"object\":\"file\",\"bytes\":12,\"created_at\":1700815879,"
				+ "\"filename\":\"a.pdf\",\"purpose\":\"file-extract\",\"status\":\"error\",\"status_details\":\"bad\"}";
		wiremock.stubFor(get(urlPathEqualTo("/v1/files"))
			.willReturn(okJson("{\"items\":[" + VERSIONED_FILE + "," + compatible + "]}")));

		for (String version : new String[] { VERSION, null }) {
			List<FileObject> files = client(version).list().block();

			assertThat(files).containsExactly(VERSIONED_OBJECT, new FileObject("f1", "file", 12,
					Instant.ofEpochSecond(1700815879), "a.pdf", "file-extract", "error", "bad", null));
			assertThat(files).extracting(FileObject::processingState)
				.containsExactly(FileObject.ProcessingState.READY, FileObject.ProcessingState.FAILED);
		}
	}

	@Test
	void listFollowsEveryPageToTheEnd() {
		stubPages(5);

		List<FileObject> files = client(VERSION).list().block();

		assertThat(files).extracting(FileObject::id).containsExactly("p1-a", "p1-b", "p2-a", "p2-b", "p3-a", "p3-b",
				"p4-a", "p4-b", "p5-a", "p5-b");
		wiremock.verify(5, getRequestedFor(urlPathEqualTo("/v1/files")));
		wiremock.verify(1, getRequestedFor(urlPathEqualTo("/v1/files")).withQueryParam("page_token", absent()));
		wiremock.verify(1, getRequestedFor(urlPathEqualTo("/v1/files")).withQueryParam("page_token", equalTo("t4")));
	}

	@Test
	void theStreamFetchesAPageOnlyWhenTheFilesBeforeItWereTaken() {
		stubPages(5);

		StepVerifier.create(client(VERSION).files(), 0)
			.thenRequest(1)
			.expectNextMatches((file) -> file.id().equals("p1-a"))
			.then(() -> assertThat(pagesServed()).isEqualTo(1))
			.thenRequest(2)
			.expectNextCount(2)
			.then(() -> assertThat(pagesServed()).as("the third file is on page 2, the fourth too").isEqualTo(2))
			.thenRequest(Long.MAX_VALUE)
			.expectNextCount(7)
			.verifyComplete();
		assertThat(pagesServed()).isEqualTo(5);
	}

	@Test
	void aRepeatedPageTokenEndsTheListWithAPaginationException() {
		wiremock.stubFor(get(urlPathEqualTo("/v1/files")).willReturn(
				okJson("{\"items\":[" + VERSIONED_FILE + "],\"next_page_token\":\"again\"}")));

		assertThatExceptionOfType(MoonshotPaginationException.class).isThrownBy(() -> client(VERSION).list().block())
			.withMessage("Moonshot GET /v1/files sent the same page token again after page 2: the list would never end")
			.satisfies((ex) -> assertThat(ex.isRetryable()).isFalse());
		wiremock.verify(2, getRequestedFor(urlPathEqualTo("/v1/files")));
	}

	@Test
	void aListThatNeverEndsStopsAtThePageCap() {
		wiremock.stubFor(get(urlPathEqualTo("/v1/files")).willReturn(okJson("{\"items\":[],"
				+ "\"next_page_token\":\"{{randomValue type='UUID'}}\"}").withTransformers("response-template")));

		assertThatExceptionOfType(MoonshotPaginationException.class).isThrownBy(() -> client(VERSION).list().block())
			.withMessageContaining("more than " + MoonshotClientDefaults.MAX_PAGES + " pages");
		wiremock.verify(MoonshotClientDefaults.MAX_PAGES, getRequestedFor(urlPathEqualTo("/v1/files")));
	}

	@Test
	void createdAndNoContentAreSuccesses() {
		wiremock.stubFor(post("/v1/files").willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody(VERSIONED_FILE)));
		wiremock.stubFor(delete("/v1/files/file_01h455vb4pex5vsknk084sn02q").willReturn(aResponse().withStatus(204)));

		assertThat(client(VERSION).upload(document(), FilePurpose.FILE_EXTRACT).block()).isEqualTo(VERSIONED_OBJECT);
		assertThat(client(VERSION).delete("file_01h455vb4pex5vsknk084sn02q").block())
			.isEqualTo(new FileDeleteResponse("file_01h455vb4pex5vsknk084sn02q", "file", true, null));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "text/plain; charset=utf-8|Title, then the body|Title, then the body",
			"text/markdown|**Title**|**Title**", "application/json|{\"content\":\"**Title**\"}|**Title**",
			"application/json|{\"markdown\":\"md\",\"pages\":3}|md", "application/json|{\"parsed\":\"only\"}|only" })
	void contentIsTextOrTheTextOfAJsonObject(String contentType, String body, String text) {
		wiremock.stubFor(get("/v1/files/f1/content").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", contentType)
			.withBody(body)));

		assertThat(client(VERSION).content("f1").block()).isEqualTo(text);
		assertThat(client(null).content("f1").block()).as("by content type, not by version").isEqualTo(text);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "application/octet-stream|%PDF-1.7 Bearer KEY",
			"application/json|[\"not\",\"an object\",\"KEY\"]", "application/json|{\"a\":\"KEY\",\"b\":\"two\"}",
			"text/html|<html>KEY</html>" })
	void contentThatIsNeitherIsMalformedWithTheStartOfTheBodyMasked(String contentType, String body) {
		wiremock.stubFor(get("/v1/files/f1/content").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", contentType)
			.withBody(body.replace("KEY", API_KEY))));

		assertThatExceptionOfType(MoonshotMalformedResponseException.class)
			.isThrownBy(() -> client(VERSION).content("f1").block())
			.withMessageContaining("returned neither text nor a JSON object carrying it")
			.withMessageContaining("[REDACTED]")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(API_KEY));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "400|invalid_parameter_error|MoonshotInvalidParameterException|false",
			"400|invalid_request_error|MoonshotBadRequestException|false",
			"400|failed_precondition_error|MoonshotFailedPreconditionException|false",
			"401|authentication_error|MoonshotAuthenticationException|false",
			"403|permission_denied_error|MoonshotPermissionDeniedException|false",
			"404|resource_not_found_error|MoonshotNotFoundException|false",
			"409|conflict_error|MoonshotConflictException|false",
			"429|rate_limit_reached_error|MoonshotRateLimitException|true",
			"429|exceeded_current_quota_error|MoonshotQuotaExceededException|false",
			"500|server_error|MoonshotServerException|true", "418|brand_new_error|MoonshotApiException|false" })
	void everyVersionedErrorTypeHasItsException(int status, String type, String exception, boolean retryable) {
		wiremock.stubFor(get("/v1/files/f1").willReturn(aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"type\":\"" + type + "\",\"message\":\"m\",\"request_id\":\"req-body\","
					+ "\"param\":\"purpose\"}}")));
		MoonshotFilesClient noRetries = MoonshotFilesClient.builder()
			.apiKey(API_KEY)
			.baseUrl(wiremock.baseUrl())
			.apiVersion(VERSION)
			.retry(MoonshotRetrySettings.disabled())
			.build();

		assertThatExceptionOfType(MoonshotApiException.class).isThrownBy(() -> noRetries.retrieve("f1").block())
			.satisfies((ex) -> {
				assertThat(ex.getClass().getSimpleName()).isEqualTo(exception);
				assertThat(ex.getErrorType()).isEqualTo(type);
				assertThat(ex.getParam()).isEqualTo("purpose");
				assertThat(ex.getRequestId()).as("from the body when the header is absent").isEqualTo("req-body");
				assertThat(ex.isRetryable()).isEqualTo(retryable);
			});
	}

	@Test
	void gatewayPagesOf499503And504StayServerErrors() {
		for (int status : new int[] { 499, 503, 504 }) {
			wiremock.stubFor(get("/v1/files/f" + status).willReturn(aResponse().withStatus(status)
				.withHeader("Content-Type", "text/html")
				.withBody("<html><body>" + status + "</body></html>")));

			assertThatExceptionOfType(MoonshotServerException.class)
				.isThrownBy(() -> client(VERSION).retrieve("f" + status).block())
				.satisfies((ex) -> assertThat(ex.isRetryable()).isTrue());
		}
	}

	@Test
	void aDeprecationIsLoggedOncePerClientAndKept() {
		wiremock.stubFor(get("/v1/files/f1").willReturn(okJson(VERSIONED_FILE).withHeader("Deprecation", "true")
			.withHeader("Sunset", "2027-03-01")));
		MoonshotFilesClient client = client(VERSION);
		assertThat(client.deprecation()).isNull();

		for (int i = 0; i < 100; i++) {
			client.retrieve("f1").block();
		}

		assertThat(client.deprecation()).isEqualTo(new MoonshotApiDeprecation(VERSION, "2027-03-01"));
		assertThat(this.logs.rendered()).filteredOn((line) -> line.contains("is being retired"))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains("WARN")
				.contains("Moonshot API version 2026-09-01-beta is being retired on 2027-03-01; move to a newer "
						+ "version"));
	}

	@Test
	void theRolloutFaultIsRetriedWhenNoVersionIsSentAndFinalOtherwise() {
		String rollout = "{\"error\":{\"message\":\"missing required header Kimi-Api-Version\","
				+ "\"type\":\"invalid_request_error\"}}";
		wiremock.stubFor(get("/v1/files/f1").inScenario("rollout")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(400).withBody(rollout))
			.willSetStateTo("fine"));
		wiremock.stubFor(get("/v1/files/f1").inScenario("rollout").whenScenarioStateIs("fine")
			.willReturn(okJson(VERSIONED_FILE)));

		assertThat(client(null).retrieve("f1").block()).isEqualTo(VERSIONED_OBJECT);
		wiremock.verify(2, getRequestedFor(urlPathEqualTo("/v1/files/f1")));

		wiremock.resetAll();
		wiremock.stubFor(get("/v1/files/f1").willReturn(aResponse().withStatus(400).withBody(rollout)));
		assertThatExceptionOfType(MoonshotBadRequestException.class)
			.isThrownBy(() -> client(VERSION).retrieve("f1").block())
			.satisfies((ex) -> assertThat(ex).isNotInstanceOf(MoonshotVersionHeaderRequiredException.class));
		wiremock.verify(1, getRequestedFor(urlPathEqualTo("/v1/files/f1")));

		wiremock.resetAll();
		wiremock.stubFor(get("/v1/files/f1").willReturn(aResponse().withStatus(400)
			.withBody("{\"error\":{\"message\":\"Invalid purpose\",\"type\":\"invalid_request_error\"}}")));
		assertThatExceptionOfType(MoonshotBadRequestException.class)
			.isThrownBy(() -> client(null).retrieve("f1").block());
		wiremock.verify(1, getRequestedFor(urlPathEqualTo("/v1/files/f1")));
	}

	@Test
	void everyUploadCarriesAKeyOfItsOwnTheSameOnEachOfItsRetries() {
		wiremock.stubFor(post("/v1/files").inScenario("reset")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
			.willSetStateTo("answered"));
		wiremock.stubFor(post("/v1/files").inScenario("reset").whenScenarioStateIs("answered")
			.willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
				.withBody(VERSIONED_FILE)));
		MoonshotFilesClient client = client(VERSION);

		client.upload(document(), FilePurpose.FILE_EXTRACT).block();
		client.upload(document(), FilePurpose.FILE_EXTRACT).block();

		List<String> keys = wiremock.findAll(postRequestedFor(urlPathEqualTo("/v1/files")))
			.stream()
			.map((request) -> request.getHeader("Idempotency-Key"))
			.toList();
		assertThat(keys).hasSize(3).allSatisfy((key) -> UUID.fromString(key));
		assertThat(keys.get(0)).as("the retry of the reset upload").isEqualTo(keys.get(1));
		assertThat(keys.get(2)).as("the next upload").isNotEqualTo(keys.get(0));
	}

	@Test
	void withoutAVersionAnUploadIsNotRetriedAfterAServerError() {
		wiremock.stubFor(post("/v1/files").willReturn(aResponse().withStatus(500)));

		assertThatExceptionOfType(MoonshotServerException.class)
			.isThrownBy(() -> client(null).upload(document(), FilePurpose.FILE_EXTRACT).block());
		wiremock.verify(1, postRequestedFor(urlPathEqualTo("/v1/files")).withHeader("Idempotency-Key",
				matching("[0-9a-f-]{36}")));

		wiremock.resetAll();
		wiremock.stubFor(post("/v1/files").willReturn(aResponse().withStatus(500)));
		assertThatExceptionOfType(MoonshotServerException.class)
			.isThrownBy(() -> client(VERSION).upload(document(), FilePurpose.FILE_EXTRACT).block())
			.satisfies((ex) -> assertThat(ex.getAttempts()).as("replayed by the provider, so retried").isEqualTo(3));
	}

	@Test
	void aConflictIsNeverRetried() {
		wiremock.stubFor(post("/v1/files").willReturn(aResponse().withStatus(409)
			.withBody("{\"error\":{\"type\":\"conflict_error\",\"message\":\"Idempotency-Key reused\","
					+ "\"request_id\":\"r\"}}")));

		assertThatExceptionOfType(MoonshotConflictException.class)
			.isThrownBy(() -> client(VERSION).upload(document(), FilePurpose.FILE_EXTRACT).block());
		wiremock.verify(1, anyRequestedFor(anyUrl()));
	}

	private static void stubPages(int pages) {
		for (int page = 1; page <= pages; page++) {
			int number = page;
			String items = IntStream.of(0, 1)
				.mapToObj((i) -> VERSIONED_FILE.replace("file_01h455vb4pex5vsknk084sn02q",
						"p" + number + "-" + "ab".charAt(i)))
				.collect(Collectors.joining(","));
			String next = (page < pages) ? ",\"next_page_token\":\"t" + page + "\"" : "";
			com.github.tomakehurst.wiremock.client.MappingBuilder request = get(urlPathEqualTo("/v1/files"))
				.withQueryParam("page_size", equalTo("2"));
			request = (page == 1) ? request.withQueryParam("page_token", absent())
					: request.withQueryParam("page_token", equalTo("t" + (page - 1)));
			wiremock.stubFor(request.willReturn(okJson("{\"items\":[" + items + "]" + next + "}")));
		}
	}

	private static int pagesServed() {
		return wiremock.findAll(getRequestedFor(urlPathEqualTo("/v1/files"))).size();
	}

	private static ByteArrayResource document() {
		return new ByteArrayResource(new byte[] { 1, 2, 3 }) {

			@Override
			public String getFilename() {
				return "report.pdf";
			}

		};
	}

}
