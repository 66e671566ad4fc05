package dev.moonshot.spring.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.moonshot.spring.client.MoonshotApiVersion;
import dev.moonshot.spring.client.MoonshotFilesClient;
import dev.moonshot.spring.client.MoonshotRetrySettings;
import dev.moonshot.spring.client.exception.MoonshotAuthenticationException;
import dev.moonshot.spring.client.exception.MoonshotBadRequestException;
import dev.moonshot.spring.client.exception.MoonshotFileCountLimitException;
import dev.moonshot.spring.client.exception.MoonshotNotFoundException;
import dev.moonshot.spring.client.exception.MoonshotRateLimitException;
import dev.moonshot.spring.client.exception.MoonshotServerException;
import dev.moonshot.spring.client.exception.MoonshotTimeoutException;
import dev.moonshot.spring.client.exception.MoonshotTransportException;
import dev.moonshot.spring.client.model.FileObject;
import dev.moonshot.spring.client.model.FilePurpose;
import dev.moonshot.spring.client.model.FileScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The fake, through the starter's client, in both protocols: the compatible one (no version header) and the versioned
 * one.
 */
@ParameterizedClass(name = "api version \"{0}\"")
@ValueSource(strings = { "", MoonshotApiVersion.V2026_09_01_BETA })
class MoonshotFakeServerTests {

	@RegisterExtension
	static MoonshotFakeServerExtension moonshot = new MoonshotFakeServerExtension();

	@Parameter
	String apiVersion;

	/** The fake's own client (no retries), speaking this run's protocol. */
	private MoonshotFilesClient client() {
		return client(moonshot.server());
	}

	private MoonshotFilesClient client(MoonshotFakeServer fake) {
		return fake.client().mutate().apiVersion(this.apiVersion.isEmpty() ? null : this.apiVersion).build();
	}

	private static ByteArrayResource document(String name, String text) {
		return new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8)) {

			@Override
			public String getFilename() {
				return name;
			}

		};
	}

	@Test
	void roundTripThroughTheStartersClient() {
		MoonshotFilesClient client = client();

		FileObject uploaded = client.upload(document("report.pdf", "Quarterly report — 第一季度"),
				FilePurpose.FILE_EXTRACT).block();
		assertThat(uploaded.id()).matches(this.apiVersion.isEmpty() ? "[0-9a-v]{20}" : "file_[0-9a-v]{20}");
		assertThat(uploaded.filename()).isEqualTo("report.pdf");
		assertThat(uploaded.purpose()).isEqualTo("file-extract");
		assertThat(uploaded.status()).isEqualTo(this.apiVersion.isEmpty() ? "ok" : "ready");
		assertThat(uploaded.processingState()).isEqualTo(FileObject.ProcessingState.READY);

		assertThat(client.list().block()).containsExactly(uploaded);
		assertThat(client.retrieve(uploaded.id()).block()).isEqualTo(uploaded);
		assertThat(client.content(uploaded.id()).block()).isEqualTo("Quarterly report — 第一季度");
		assertThat(client.delete(uploaded.id()).block().deleted()).isTrue();
		assertThat(client.list().block()).isEmpty();
		assertThat(moonshot.server().files()).isEmpty();
	}

	@Test
	void everyResponseCarriesARequestIdAndTheKeyIsChecked() {
		String body = WebClient.create(moonshot.server().baseUrl())
			.get()
			.uri("/v1/files")
			.header("Authorization", "Bearer wrong")
			.exchangeToMono((response) -> {
				assertThat(response.statusCode().value()).isEqualTo(401);
				assertThat(response.headers().header("Msh-Request-Id")).singleElement().isNotNull();
				return response.bodyToMono(String.class);
			})
			.block();

		assertThat(body)
			.isEqualTo("{\"error\":{\"message\":\"Invalid Authentication\",\"type\":\"invalid_authentication_error\"}}");
		MoonshotFilesClient wrongKey = client().mutate().apiKey("sk-other").build();
		assertThatExceptionOfType(MoonshotAuthenticationException.class).isThrownBy(() -> wrongKey.list().block())
			.satisfies((ex) -> assertThat(ex.getRequestId()).isNotBlank());
	}

	@Test
	void unknownIdsAreNotFound() {
		MoonshotFilesClient client = client();

		assertThatExceptionOfType(MoonshotNotFoundException.class).isThrownBy(() -> client.retrieve("nope").block())
			.satisfies((ex) -> assertThat(ex.getErrorType()).isEqualTo("resource_not_found_error"));
		assertThatExceptionOfType(MoonshotNotFoundException.class).isThrownBy(() -> client.content("nope").block());
		assertThatExceptionOfType(MoonshotNotFoundException.class).isThrownBy(() -> client.delete("nope").block());
	}

	@Test
	void theFileCountLimitIsEnforced() {
		for (int i = 0; i < MoonshotFakeServer.MAX_FILES; i++) {
			moonshot.server().seed("f" + i + ".txt", "file-extract", "x", Instant.now());
		}

		assertThatExceptionOfType(MoonshotFileCountLimitException.class)
			.isThrownBy(() -> client().blocking().upload(document("one-more.txt", "x"),
					FilePurpose.FILE_EXTRACT))
			.withMessageContaining("exceeded the max file count 1000");
		assertThat(client().blocking().usage().files()).isEqualTo(1000);
	}

	@Test
	void theStorageLimitIsEnforced() {
		for (int i = 0; i < 10; i++) {
			moonshot.server().seedOfSize("big-" + i + ".bin", "batch", 1024L * 1024 * 1024, Instant.now());
		}

		assertThatExceptionOfType(MoonshotBadRequestException.class)
			.isThrownBy(() -> client().blocking().upload(document("one-more.txt", "x"),
					FilePurpose.FILE_EXTRACT))
			.withMessageContaining("exceeded the max total size 10GB");
		assertThat(client().blocking().usage().remainingBytes()).isZero();
	}

	@Test
	void emptyUploadsAreRefusedLikeTheProviderDoes() {
		String body = WebClient.create(moonshot.server().baseUrl())
			.post()
			.uri("/v1/files")
			.header("Authorization", "Bearer " + moonshot.server().apiKey())
			.body(org.springframework.web.reactive.function.BodyInserters.fromMultipartData("purpose", "file-extract")
				.with("file", document("empty.txt", "")))
			.exchangeToMono((response) -> response.bodyToMono(String.class))
			.block();

		assertThat(body).contains("File size is zero");
	}

	@Test
	void contentOnlyForFileExtract() {
		FakeFile image = moonshot.server().seed("cat.png", "image", "png", Instant.now());

		assertThatExceptionOfType(MoonshotBadRequestException.class)
			.isThrownBy(() -> client().content(image.id()).block());
	}

	@Test
	void seededCreationTimesDriveRetention() {
		MoonshotFakeServer fake = moonshot.server();
		FakeFile old = fake.seed("old.pdf", "file-extract", "old", Instant.now().minus(Duration.ofDays(40)));
		FakeFile recent = fake.seed("recent.pdf", "file-extract", "new", Instant.now().minus(Duration.ofDays(2)));

		assertThat(client(fake).blocking().deleteOlderThan(FileScope.everything(), Duration.ofDays(30)).deleted()).containsExactly(old.id());
		assertThat(fake.files()).extracting(FakeFile::id).containsExactly(recent.id());
	}

	@Test
	void faultsForTheNextCalls() {
		MoonshotFakeServer fake = moonshot.server();
		MoonshotFilesClient client = client(fake);
		fake.failNext(FakeOperation.LIST, 1, FakeFault.error(503, "server_error", "down"))
			.failNext(FakeOperation.LIST, 1,
					FakeFault.status(429, "{\"error\":{\"type\":\"rate_limit_reached_error\",\"message\":\"m\"}}",
							Map.of("Retry-After", "3")))
			.failNext(FakeOperation.LIST, 1, FakeFault.connectionReset());

		assertThatExceptionOfType(MoonshotServerException.class).isThrownBy(() -> client.list().block());
		assertThatExceptionOfType(MoonshotRateLimitException.class).isThrownBy(() -> client.list().block())
			.satisfies((ex) -> assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(3)));
		assertThatExceptionOfType(MoonshotTransportException.class).isThrownBy(() -> client.list().block());
		assertThat(client.list().block()).isEmpty();
		assertThat(fake.requestCount(FakeOperation.LIST)).isEqualTo(4);
	}

	@Test
	void theStartersRetriesRecoverFromInjectedFaults() {
		MoonshotFakeServer fake = moonshot.server();
		FakeFile file = fake.seed("a.pdf", "file-extract", "a", Instant.now());
		fake.failNext(FakeOperation.DELETE, 2, FakeFault.error(503, "server_error", "busy"));
		MoonshotFilesClient retrying = client(fake)
			.mutate()
			.retry(MoonshotRetrySettings.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(20)))
			.build();

		assertThat(retrying.delete(file.id()).block().deleted()).isTrue();
		assertThat(fake.requestCount(FakeOperation.DELETE)).isEqualTo(3);
	}

	@Test
	void delaysAndLatency() {
		MoonshotFakeServer fake = moonshot.server();
		fake.failNext(FakeOperation.LIST, 1, FakeFault.delay(Duration.ofSeconds(5)));
		MoonshotFilesClient impatient = client(fake).mutate().responseTimeout(Duration.ofMillis(200)).build();

		assertThatExceptionOfType(MoonshotTimeoutException.class).isThrownBy(() -> impatient.list().block());

		fake.latency(Duration.ofMillis(50));
		long started = System.nanoTime();
		assertThat(client(fake).list().block()).isEmpty();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
	}

	@Test
	void uploadChecksLikeTheProvider() {
		String body = WebClient.create(moonshot.server().baseUrl())
			.post()
			.uri("/v1/files")
			.header("Authorization", "Bearer " + moonshot.server().apiKey())
			.body(org.springframework.web.reactive.function.BodyInserters.fromMultipartData("purpose", "poster")
				.with("file", document("a.txt", "x")))
			.exchangeToMono((response) -> response.bodyToMono(String.class))
			.block();

		assertThat(body).contains("Invalid purpose");
		assertThat(moonshot.server().files()).isEmpty();
	}

	@Test
	void resetForgetsEverything() {
		MoonshotFakeServer fake = moonshot.server();
		fake.seed("a.pdf", "file-extract", "a", Instant.now());
		fake.failNext(FakeOperation.LIST, 1, FakeFault.error(500, "server_error", "x"));

		fake.reset();

		assertThat(fake.files()).isEmpty();
		assertThat(client(fake).list().block()).isEqualTo(List.of());
	}

	@Test
	void closeStopsTheServerAndReleasesItsPort() throws Exception {
		MoonshotFakeServer fake = MoonshotFakeServer.start();
		int port = java.net.URI.create(fake.baseUrl()).getPort();
		assertThat(client(fake).blocking().list()).isEmpty();

		fake.close();

		assertThatExceptionOfType(java.net.ConnectException.class).isThrownBy(() -> {
			try (java.net.Socket socket = new java.net.Socket()) {
				socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1_000);
			}
		});
		try (java.net.ServerSocket rebound = new java.net.ServerSocket()) {
			rebound.setReuseAddress(true);
			rebound.bind(new java.net.InetSocketAddress("127.0.0.1", port));
			assertThat(rebound.getLocalPort()).as("the port is free again").isEqualTo(port);
		}
	}

}
