package dev.moonshot.spring.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.moonshot.spring.client.MoonshotApiVersion;
import dev.moonshot.spring.client.MoonshotFilesClient;
import dev.moonshot.spring.client.MoonshotRetrySettings;
import dev.moonshot.spring.client.exception.MoonshotNotFoundException;
import dev.moonshot.spring.client.exception.MoonshotTransportException;
import dev.moonshot.spring.client.model.FileObject;
import dev.moonshot.spring.client.model.FilePurpose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The fake answers each request in the protocol it asks for, and the client speaks both against it.
 */
class MoonshotFakeServerVersionedTests {

	private static final String VERSION = MoonshotApiVersion.V2026_09_01_BETA;

	@RegisterExtension
	static MoonshotFakeServerExtension moonshot = new MoonshotFakeServerExtension();

	private static MoonshotFilesClient client(String version) {
		return MoonshotFilesClient.builder()
			.baseUrl(moonshot.server().baseUrl())
			.apiKey(moonshot.server().apiKey())
			.apiVersion(version)
			.pageSize(100)
			.retry(MoonshotRetrySettings.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(10)))
			.build();
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = VERSION)
	void aRoundTripInEitherProtocol(String version) {
		MoonshotFilesClient client = client(version);

		FileObject uploaded = client.upload(document("notes.txt", "Kimi reads this."), FilePurpose.FILE_EXTRACT).block();

		assertThat(uploaded.filename()).isEqualTo("notes.txt");
		assertThat(uploaded.bytes()).isEqualTo(16);
		assertThat(uploaded.processingState()).isEqualTo(FileObject.ProcessingState.READY);
		assertThat(uploaded.mimeType()).isEqualTo((version != null) ? "text/plain" : null);
		assertThat(uploaded.id()).startsWith((version != null) ? "file_" : "");
		assertThat(client.list().block()).containsExactly(uploaded);
		assertThat(client.retrieve(uploaded.id()).block()).isEqualTo(uploaded);
		assertThat(client.content(uploaded.id()).block()).isEqualTo("Kimi reads this.");
		assertThat(client.delete(uploaded.id()).block().deleted()).isTrue();
		assertThat(moonshot.server().files()).isEmpty();
		assertThatExceptionOfType(MoonshotNotFoundException.class)
			.isThrownBy(() -> client.retrieve(uploaded.id()).block())
			.satisfies((ex) -> assertThat(ex.getErrorType()).isEqualTo("resource_not_found_error"));
	}

	@Test
	void aCompatibleListSeesTheOrganizationAVersionedOneTheProject() {
		FakeFile ours = moonshot.server().seed("ours.pdf", "file-extract", "a", Instant.now());
		FakeFile theirs = moonshot.server().seedInProject("other-app", "theirs.pdf", "file-extract", "b", Instant.now());

		assertThat(client(null).list().block()).extracting(FileObject::id).containsExactly(ours.id(), theirs.id());
		assertThat(client(VERSION).list().block()).extracting(FileObject::id).containsExactly(ours.id());
		assertThatExceptionOfType(MoonshotNotFoundException.class)
			.isThrownBy(() -> client(VERSION).delete(theirs.id()).block());
		assertThat(moonshot.server().files()).hasSize(2);
	}

	@Test
	void aLargeProjectIsWalkedPageByPageWithOnePageAtATime() {
		Instant start = Instant.parse("2026-01-01T00:00:00Z");
		for (int i = 0; i < 1_001; i++) {
			moonshot.server().seedOfSize("f" + i + ".pdf", "file-extract", 10, start.plusSeconds(i));
		}

		// the next page is asked for once the last file of the current one went downstream, never before
		StepVerifier.create(client(VERSION).files(), 0)
			.thenRequest(99)
			.expectNextCount(99)
			.then(() -> assertThat(moonshot.server().requestCount(FakeOperation.LIST)).isEqualTo(1))
			.thenRequest(2)
			.expectNextCount(1)
			.assertNext((file) -> assertThat(file.filename()).as("newest first").isEqualTo("f900.pdf"))
			.then(() -> assertThat(moonshot.server().requestCount(FakeOperation.LIST)).isEqualTo(2))
			.thenRequest(98)
			.expectNextCount(98)
			.then(() -> assertThat(moonshot.server().requestCount(FakeOperation.LIST)).isEqualTo(2))
			.thenRequest(Long.MAX_VALUE)
			.expectNextCount(802)
			.verifyComplete();
		assertThat(moonshot.server().requestCount(FakeOperation.LIST)).isEqualTo(11);
		assertThat(client(VERSION).usage().block().files()).isEqualTo(1_001);
	}

	@Test
	void anUploadRetriedAfterALostAnswerIsStoredOnceWithTheVersionedApi() {
		moonshot.server().failNext(FakeOperation.UPLOAD, 1, FakeFault.answerLost());

		FileObject uploaded = client(VERSION).upload(document("a.txt", "once"), FilePurpose.FILE_EXTRACT).block();

		assertThat(moonshot.server().files()).singleElement()
			.satisfies((file) -> assertThat(file.id()).isEqualTo(uploaded.id()));
		assertThat(moonshot.server().requestCount(FakeOperation.UPLOAD)).isEqualTo(2);
	}

	@Test
	void withoutAVersionAnUploadWhoseAnswerWasLostIsNotRepeated() {
		moonshot.server().failNext(FakeOperation.UPLOAD, 1, FakeFault.answerLost());

		assertThatExceptionOfType(MoonshotTransportException.class)
			.isThrownBy(() -> client(null).upload(document("a.txt", "once"), FilePurpose.FILE_EXTRACT).block());
		assertThat(moonshot.server().files()).hasSize(1);
		assertThat(moonshot.server().requestCount(FakeOperation.UPLOAD)).isEqualTo(1);
	}

	@Test
	void aKeyUsedAgainReplaysTheSameBodyAndRefusesAnother() {
		String key = UUID.randomUUID().toString();

		String first = rawUpload(key, "same");
		String replay = rawUpload(key, "same");
		String conflict = rawUpload(key, "other");

		assertThat(first).startsWith("201 ");
		assertThat(withoutRequestId(replay)).isEqualTo(withoutRequestId(first));
		assertThat(conflict).startsWith("409 ").contains("\"type\":\"conflict_error\"").contains("\"request_id\":");
		assertThat(moonshot.server().files()).hasSize(1);
	}

	@Test
	void versionedErrorsCarryTheirRequestIdAndParam() {
		String answer = WebClient.create(moonshot.server().baseUrl())
			.post()
			.uri("/v1/files")
			.header("Authorization", "Bearer " + moonshot.server().apiKey())
			.header(MoonshotApiVersion.HEADER, VERSION)
			.body(BodyInserters.fromMultipartData(parts("a.txt", "x", "nonsense")))
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.map((body) -> response.statusCode().value() + " "
						+ response.headers().asHttpHeaders().getFirst("Msh-Request-Id") + " " + body))
			.block();

		String requestId = answer.split(" ")[1];
		assertThat(answer).startsWith("400 ")
			.contains("\"type\":\"invalid_parameter_error\"")
			.contains("\"param\":\"purpose\"")
			.contains("\"request_id\":\"" + requestId + "\"");
	}

	@Test
	void anUnknownVersionIsRefused() {
		String answer = WebClient.create(moonshot.server().baseUrl())
			.get()
			.uri("/v1/files")
			.header("Authorization", "Bearer " + moonshot.server().apiKey())
			.header(MoonshotApiVersion.HEADER, "2020-01-01")
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.map((body) -> response.statusCode().value() + " " + body))
			.block();

		assertThat(answer).startsWith("400 ").contains("invalid_request_error");
	}

	@Test
	void theRolloutFaultAndTheDeprecationControls() {
		moonshot.server().rolloutFault(FakeOperation.LIST, 1).deprecate("2027-03-01");
		MoonshotFilesClient compatible = client(null);

		assertThat(compatible.list().block()).isEmpty();
		assertThat(moonshot.server().requestCount(FakeOperation.LIST)).as("retried once").isEqualTo(2);
		assertThat(compatible.deprecation()).isNotNull()
			.satisfies((deprecation) -> assertThat(deprecation.sunset()).isEqualTo("2027-03-01"));
	}

	private static String rawUpload(String key, String text) {
		return WebClient.create(moonshot.server().baseUrl())
			.post()
			.uri("/v1/files")
			.header("Authorization", "Bearer " + moonshot.server().apiKey())
			.header(MoonshotApiVersion.HEADER, VERSION)
			.header("Idempotency-Key", key)
			.body(BodyInserters.fromMultipartData(parts("a.txt", text, "file-extract")))
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.map((body) -> response.statusCode().value() + " " + body))
			.block();
	}

	private static String withoutRequestId(String answer) {
		return answer.replaceAll("\"request_id\":\"[^\"]+\"", "");
	}

	private static org.springframework.util.MultiValueMap<String, org.springframework.http.HttpEntity<?>> parts(
			String filename, String text, String purpose) {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("file", document(filename, text)).filename(filename);
		parts.part("purpose", purpose);
		return parts.build();
	}

	private static ByteArrayResource document(String name, String text) {
		return new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8)) {

			@Override
			public String getFilename() {
				return name;
			}

		};
	}


}
