package dev.moonshot.spring.client;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.moonshot.spring.client.exception.MoonshotNotFoundException;
import dev.moonshot.spring.client.exception.MoonshotTimeoutException;
import dev.moonshot.spring.client.model.FileDeleteResponse;
import dev.moonshot.spring.client.model.FilePurpose;
import dev.moonshot.spring.client.model.FileScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.core.io.FileSystemResource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class DefaultBlockingMoonshotFilesClientTests {

	private static final String FILE_ID = "file-1";

	@RegisterExtension
	static WireMockExtension wiremock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private BlockingMoonshotFilesClient blocking(Duration responseTimeout) {
		return MoonshotFilesClient.builder()
			.retry(MoonshotRetrySettings.disabled())
			.apiKey("sk-blocking")
			.baseUrl(wiremock.baseUrl())
			.responseTimeout(responseTimeout)
			.build()
			.blocking();
	}

	@Test
	void returnsTheResult() {
		wiremock.stubFor(delete("/v1/files/" + FILE_ID).willReturn(
				okJson("{\"id\":\"file-1\",\"object\":\"file\",\"deleted\":true}").withHeader("Msh-Request-Id", "r1")));

		assertThat(blocking(Duration.ofSeconds(5)).delete(FILE_ID))
			.isEqualTo(new FileDeleteResponse(FILE_ID, "file", true, "r1"));
	}

	@Test
	void throwsTheTypedException() {
		wiremock.stubFor(delete("/v1/files/" + FILE_ID).willReturn(aResponse().withStatus(404)
			.withBody("{\"error\":{\"message\":\"File not found\",\"type\":\"resource_not_found_error\"}}")));

		assertThatExceptionOfType(MoonshotNotFoundException.class)
			.isThrownBy(() -> blocking(Duration.ofSeconds(5)).delete(FILE_ID))
			.satisfies((ex) -> assertThat(ex.getErrorType()).isEqualTo("resource_not_found_error"));
	}

	@Test
	void offersTheBulkAndUploadOperations() {
		wiremock.stubFor(delete("/v1/files/" + FILE_ID).willReturn(okJson("{\"id\":\"f\",\"object\":\"file\",\"deleted\":true}")));
		wiremock.stubFor(post("/v1/files").willReturn(okJson("{\"id\":\"up-1\",\"object\":\"file\",\"bytes\":3,\"created_at\":1,"
				+ "\"filename\":\"a.txt\",\"purpose\":\"file-extract\",\"status\":\"ok\"}")));
		wiremock.stubFor(get("/v1/files").willReturn(okJson("{\"data\":[]}")));
		BlockingMoonshotFilesClient blocking = blocking(Duration.ofSeconds(5));

		assertThat(blocking.deleteAll(List.of(FILE_ID)).deleted()).containsExactly(FILE_ID);
		assertThat(blocking.upload(new FileSystemResource(writeTemp("abc")), FilePurpose.FILE_EXTRACT).id())
			.isEqualTo("up-1");
		assertThat(blocking.list()).isEmpty();
		assertThat(blocking.deleteOlderThan(FileScope.everything(), Duration.ofDays(1)).deletions()).isEmpty();
	}

	private static java.nio.file.Path writeTemp(String content) {
		try {
			java.nio.file.Path file = java.nio.file.Files.createTempFile("moonshot", ".txt");
			file.toFile().deleteOnExit();
			return java.nio.file.Files.writeString(file, content);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@Test
	void waitsAtMostTheResponseTimeout() {
		wiremock.stubFor(delete("/v1/files/" + FILE_ID).willReturn(okJson("{}").withFixedDelay(10_000)));
		BlockingMoonshotFilesClient blocking = blocking(Duration.ofMillis(300));

		long started = System.nanoTime();
		assertThatExceptionOfType(MoonshotTimeoutException.class).isThrownBy(() -> blocking.delete(FILE_ID))
			.satisfies((ex) -> {
				assertThat(ex.getTimeoutType()).isEqualTo(MoonshotTimeoutException.TimeoutType.RESPONSE);
				assertThat(ex.getTimeout()).isEqualTo(Duration.ofMillis(300));
			});
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void refusesToBlockANonBlockingThread() {
		BlockingMoonshotFilesClient blocking = blocking(Duration.ofSeconds(5));

		StepVerifier.create(Mono.fromCallable(() -> blocking.delete(FILE_ID)).subscribeOn(Schedulers.parallel()))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("is blocking, which is not supported in thread parallel-")
				.hasMessageContaining("nothing was sent"))
			.verify(Duration.ofSeconds(5));
		// Reactor's own guard in block(Duration) comes after subscribing: the delete would go out regardless
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(2))
			.until(() -> wiremock.getAllServeEvents().isEmpty());
		wiremock.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void blocksFineOnBoundedElastic() {
		wiremock.stubFor(delete("/v1/files/" + FILE_ID).willReturn(okJson("{\"id\":\"f\",\"object\":\"file\",\"deleted\":true}")));
		BlockingMoonshotFilesClient blocking = blocking(Duration.ofSeconds(5));

		StepVerifier.create(Mono.fromCallable(() -> blocking.delete(FILE_ID)).subscribeOn(Schedulers.boundedElastic()))
			.assertNext((response) -> assertThat(response.deleted()).isTrue())
			.verifyComplete();
	}

}
