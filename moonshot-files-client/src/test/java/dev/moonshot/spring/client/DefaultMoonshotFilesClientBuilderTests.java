package dev.moonshot.spring.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DefaultMoonshotFilesClientBuilderTests {

	@Test
	void apiKeyIsRequired() {
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> MoonshotFilesClient.builder().build())
			.withMessageContaining("A Moonshot API key is required")
			.withMessageContaining("MOONSHOT_API_KEY");
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> MoonshotFilesClient.builder().apiKey("  ").build())
			.withMessageContaining("A Moonshot API key is required");
	}

	@Test
	void connectTimeoutAndAWebClientBuilderDoNotMix() {
		MoonshotFilesClient.Builder builder = MoonshotFilesClient.builder()
			.apiKey("k")
			.webClientBuilder(WebClient.builder())
			.connectTimeout(Duration.ofSeconds(1));

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(builder::build)
			.withMessageContaining("with webClientBuilder(...) configure that builder's ClientHttpConnector");
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> MoonshotFilesClient.builder()
				.apiKey("k")
				.webClientBuilder(WebClient.builder())
				.maxConnections(10)
				.build())
			.withMessageStartingWith("connectTimeout(...) and maxConnections(...) configure the connector");
	}

	@Test
	void timeoutsMustBePositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MoonshotFilesClient.builder().responseTimeout(Duration.ZERO))
			.withMessage("responseTimeout must be positive, got PT0S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MoonshotFilesClient.builder().connectTimeout(Duration.ofSeconds(-1)))
			.withMessage("connectTimeout must be positive, got PT-1S");
	}

	@Test
	void plainHttpOnlyToLoopbackUnlessAllowed() {
		MoonshotFilesClient.builder().apiKey("k").baseUrl("http://localhost:8080").build();
		MoonshotFilesClient.builder().apiKey("k").baseUrl("http://127.0.0.1:8080/v1").build();
		MoonshotFilesClient.builder().apiKey("k").baseUrl("http://[::1]:8080").build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MoonshotFilesClient.builder().apiKey("k").baseUrl("http://proxy.corp:8080").build())
			.withMessage("Refusing plain http to \"proxy.corp\": the Moonshot API key would travel in clear text. "
					+ "Use https://, or, only for a trusted proxy on a network you control, set "
					+ "moonshot.allow-insecure-http=true (MoonshotFilesClient.Builder.allowInsecureHttp(true)).");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MoonshotFilesClient.builder().apiKey("k").baseUrl("http://127.0.0.1.evil.com").build());
		MoonshotFilesClient.builder().apiKey("k").baseUrl("http://proxy.corp:8080").allowInsecureHttp(true).build();
	}

	@Test
	void bulkDeleteConcurrencyIsBounded() {
		assertThatIllegalArgumentException().isThrownBy(() -> MoonshotFilesClient.builder().bulkDeleteConcurrency(0))
			.withMessage("bulkDeleteConcurrency must be between 1 and 64, got 0");
		assertThatIllegalArgumentException().isThrownBy(() -> MoonshotFilesClient.builder().bulkDeleteConcurrency(65))
			.withMessage("bulkDeleteConcurrency must be between 1 and 64, got 65");
	}

	@Test
	void invalidBaseUrlIsRejectedAtBuild() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MoonshotFilesClient.builder().apiKey("k").baseUrl("api.moonshot.ai").build())
			.withMessageStartingWith("Invalid Moonshot base URL \"api.moonshot.ai\": it must start with https://");
	}

	@Test
	void givenWebClientBuilderIsNotChanged() {
		WebClient.Builder shared = WebClient.builder();

		MoonshotFilesClient.builder().apiKey("sk-secret").webClientBuilder(shared).build();

		shared.build().mutate().defaultHeaders((headers) -> assertThat(headers.isEmpty()).isTrue());
	}

	@Test
	void toStringNeverShowsTheKey() {
		MoonshotFilesClient.Builder builder = MoonshotFilesClient.builder().apiKey("sk-secret-123");

		assertThat(builder.toString()).doesNotContain("sk-secret-123").contains("credentials=******");
		assertThat(builder.build().toString()).doesNotContain("sk-secret-123")
			.startsWith("DefaultMoonshotFilesClient[baseUrl=https://api.moonshot.ai, responseTimeout=PT30S, "
					+ "callTimeout=PT1M, uploadTimeout=PT5M, retry=MoonshotRetrySettings[enabled=true, maxAttempts=3");
	}

}
