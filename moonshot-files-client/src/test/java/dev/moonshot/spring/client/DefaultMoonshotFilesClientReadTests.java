package dev.moonshot.spring.client;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.moonshot.spring.client.exception.MoonshotApiError;
import dev.moonshot.spring.client.exception.MoonshotApiException;
import dev.moonshot.spring.client.exception.MoonshotAuthenticationException;
import dev.moonshot.spring.client.exception.MoonshotMalformedResponseException;
import dev.moonshot.spring.client.exception.MoonshotNotFoundException;
import dev.moonshot.spring.client.exception.MoonshotServerException;
import dev.moonshot.spring.client.model.FileObject;
import dev.moonshot.spring.client.model.FileUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DefaultMoonshotFilesClientReadTests {

	static final String API_KEY = "sk-read-test";

	static final String PDF = "{\"id\":\"clg681objj8g9m7n4je0\",\"object\":\"file\",\"bytes\":761790,"
			+ "\"created_at\":1700815879,\"filename\":\"xlnet.pdf\",\"purpose\":\"file-extract\",\"status\":\"ok\","
			+ "\"status_details\":\"\"}";

	static final FileObject PDF_OBJECT = new FileObject("clg681objj8g9m7n4je0", "file", 761790,
			Instant.ofEpochSecond(1700815879), "xlnet.pdf", "file-extract", "ok", null);

	@RegisterExtension
	static WireMockExtension wiremock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private final MoonshotFilesClient client = MoonshotFilesClient.builder()
		.retry(MoonshotRetrySettings.disabled())
		.apiKey(API_KEY)
		.baseUrl(wiremock.baseUrl() + "/v1")
		.build();

	@Test
	void listSendsTheDocumentedRequestAndDecodesEveryField() {
		String future = "{\"id\":\"f2\",\"object\":\"file\",\"bytes\":12,\"created_at\":1700900000,"
				+ "\"filename\":\"clip.mp4\",\"purpose\":\"voice-clone\",\"status\":\"quarantined\","
				+ "\"status_details\":\"scanning\",\"expires_at\":1800000000}";
		wiremock.stubFor(get("/v1/files").willReturn(okJson("{\"object\":\"list\",\"data\":[" + PDF + "," + future
				+ "],\"has_more\":false}")));

		List<FileObject> files = this.client.list().block();

		assertThat(files).containsExactly(PDF_OBJECT, new FileObject("f2", "file", 12, Instant.ofEpochSecond(1700900000),
				"clip.mp4", "voice-clone", "quarantined", "scanning"));
		assertThat(files.get(1).knownPurpose()).as("a purpose this client does not know yet").isNull();
		wiremock.verify(1, getRequestedFor(urlPathEqualTo("/v1/files"))
			.withHeader("Authorization", equalTo("Bearer " + API_KEY))
			.withHeader("Accept", equalTo("application/json"))
			.withHeader("User-Agent", equalTo(ClientVersion.USER_AGENT)));
	}

	@Test
	void emptyList() {
		wiremock.stubFor(get("/v1/files").willReturn(okJson("{\"object\":\"list\",\"data\":[]}")));

		assertThat(this.client.list().block()).isEmpty();
	}

	@Test
	void fullAccountListDecodes() {
		String data = IntStream.range(0, FileUsage.MAX_FILES)
			.mapToObj((i) -> PDF.replace("clg681objj8g9m7n4je0", "file-" + i)
				.replace("xlnet.pdf", "scan-" + "0123456789".repeat(12) + "-" + i + ".pdf"))
			.collect(Collectors.joining(",", "{\"object\":\"list\",\"data\":[", "]}"));
		assertThat(data.length()).as("larger than Spring's default in-memory limit").isGreaterThan(256 * 1024);
		wiremock.stubFor(get("/v1/files").willReturn(okJson(data)));

		assertThat(this.client.list().block()).hasSize(1000);
	}

	@Test
	void fileWithoutIdIsMalformed() {
		wiremock.stubFor(get("/v1/files").willReturn(okJson("{\"data\":[{\"filename\":\"x.pdf\"}]}")));

		assertThatExceptionOfType(MoonshotMalformedResponseException.class).isThrownBy(() -> this.client.list().block())
			.withMessage("Moonshot GET /v1/files returned a response that does not have the documented shape: "
					+ "the required field 'data[0].id' is missing");
	}

	@Test
	void aMissingOrMistypedFieldIsMalformedAndNamed() {
		wiremock.stubFor(get("/v1/files/a").willReturn(okJson(PDF.replace("\"created_at\":1700815879,", ""))));
		wiremock.stubFor(get("/v1/files/b").willReturn(okJson(PDF.replace("761790", "\"761790\""))));
		wiremock.stubFor(get("/v1/files").willReturn(okJson("{\"data\":[" + PDF + "," + PDF.replace("761790", "7.5")
				+ "]}")));

		assertThatExceptionOfType(MoonshotMalformedResponseException.class)
			.isThrownBy(() -> this.client.retrieve("a").block())
			.withMessage("Moonshot GET /v1/files/a returned a response that does not have the documented shape: "
					+ "the required field 'created_at' is missing");
		assertThatExceptionOfType(MoonshotMalformedResponseException.class)
			.isThrownBy(() -> this.client.retrieve("b").block())
			.withMessageStartingWith("Moonshot GET /v1/files/b returned a response that could not be read: "
					+ "the field 'bytes' is not of the documented type");
		assertThatExceptionOfType(MoonshotMalformedResponseException.class).isThrownBy(() -> this.client.list().block())
			.withMessageContaining("the field 'data[1].bytes' is not of the documented type");
	}

	@Test
	void anEmptySuccessBodyIsMalformedNeverAnEmptyResult() {
		wiremock.stubFor(get("/v1/files").willReturn(aResponse().withStatus(200)));
		wiremock.stubFor(get("/v1/files/a").willReturn(aResponse().withStatus(200)));

		assertThatExceptionOfType(MoonshotMalformedResponseException.class).isThrownBy(() -> this.client.list().block())
			.withMessageEndingWith("the body is empty");
		assertThatExceptionOfType(MoonshotMalformedResponseException.class)
			.isThrownBy(() -> this.client.retrieve("a").block())
			.withMessageEndingWith("the body is empty");
	}

	@Test
	void listErrors() {
		wiremock.stubFor(get("/v1/files").willReturn(aResponse().withStatus(401)
			.withBody("{\"error\":{\"message\":\"Invalid Authentication\",\"type\":\"invalid_authentication_error\"}}")));
		assertThatExceptionOfType(MoonshotAuthenticationException.class).isThrownBy(() -> this.client.list().block())
			.withMessageStartingWith("Moonshot GET /v1/files failed with HTTP 401 Unauthorized");

		wiremock.stubFor(get("/v1/files").willReturn(aResponse().withStatus(500)));
		assertThatExceptionOfType(MoonshotServerException.class).isThrownBy(() -> this.client.blocking().list());
	}

	@Test
	void retrieve() {
		wiremock.stubFor(get("/v1/files/clg681objj8g9m7n4je0").willReturn(okJson(PDF)));

		assertThat(this.client.retrieve("clg681objj8g9m7n4je0").block()).isEqualTo(PDF_OBJECT);
		assertThat(this.client.blocking().retrieve("clg681objj8g9m7n4je0")).isEqualTo(PDF_OBJECT);
		wiremock.verify(2, getRequestedFor(urlPathEqualTo("/v1/files/clg681objj8g9m7n4je0"))
			.withHeader("Authorization", equalTo("Bearer " + API_KEY))
			.withHeader("Accept", equalTo("application/json")));
	}

	@Test
	void retrieveErrors() {
		expectError("/v1/files/f1", 401, MoonshotAuthenticationException.class, () -> this.client.retrieve("f1").block());
		expectError("/v1/files/f1", 404, MoonshotNotFoundException.class, () -> this.client.retrieve("f1").block());
		expectError("/v1/files/f1", 500, MoonshotServerException.class, () -> this.client.retrieve("f1").block());
	}

	@Test
	void contentReturnsTheExtractedTextAsUtf8() {
		String text = "Résumé — 第一章\nKimi reads this.";
		wiremock.stubFor(get("/v1/files/f1/content").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/plain")
			.withBody(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))));

		assertThat(this.client.content("f1").block()).isEqualTo(text);
		assertThat(this.client.blocking().content("f1")).isEqualTo(text);
		wiremock.verify(2, getRequestedFor(urlPathEqualTo("/v1/files/f1/content"))
			.withHeader("Authorization", equalTo("Bearer " + API_KEY))
			.withHeader("Accept", equalTo("text/plain, */*")));
	}

	@Test
	void contentOfSeveralMegabytes() {
		String text = "x".repeat(5 * 1024 * 1024);
		wiremock.stubFor(get("/v1/files/f1/content").willReturn(aResponse().withStatus(200).withBody(text)));

		assertThat(this.client.content("f1").block()).hasSize(text.length());
	}

	@Test
	void contentErrors() {
		expectError("/v1/files/f1/content", 401, MoonshotAuthenticationException.class,
				() -> this.client.content("f1").block());
		expectError("/v1/files/f1/content", 404, MoonshotNotFoundException.class, () -> this.client.content("f1").block());
		expectError("/v1/files/f1/content", 500, MoonshotServerException.class, () -> this.client.content("f1").block());
	}

	@Test
	void invalidIdsSendNothing() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.retrieve("../files"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.content("a/b"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.blocking().content(""));
		wiremock.verify(0, anyRequestedFor(anyUrl()));
	}

	private void expectError(String path, int status, Class<? extends MoonshotApiException> type,
			org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
		wiremock.stubFor(get(path).willReturn(aResponse().withStatus(status)
			.withHeader("Msh-Request-Id", "req-" + status)
			.withBody("{\"error\":{\"message\":\"m" + status + "\",\"type\":\"t" + status + "\"}}")));
		assertThatExceptionOfType(type).isThrownBy(call).satisfies((ex) -> {
			assertThat(ex.getClass()).isEqualTo(type);
			assertThat(ex.getError()).isEqualTo(new MoonshotApiError(ex.getStatusCode(), "t" + status, null,
					"m" + status, null, "req-" + status, "{\"error\":{\"message\":\"m" + status + "\",\"type\":\"t"
							+ status + "\"}}"));
			assertThat(ex.getStatusCode().value()).isEqualTo(status);
		});
	}

}
