package dev.moonshot.spring.observation;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.moonshot.spring.client.FileUsage;
import dev.moonshot.spring.client.MoonshotFilesClient;
import dev.moonshot.spring.client.MoonshotRetrySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MoonshotClientMetricsTests {

	@RegisterExtension
	static WireMockExtension wiremock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final MoonshotClientMetrics metrics = new MoonshotClientMetrics();

	private final MoonshotFilesClient client = MoonshotFilesClient.builder()
		.apiKey("sk-metrics")
		.baseUrl(wiremock.baseUrl())
		.listener(this.metrics)
		.retry(MoonshotRetrySettings.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(10)))
		.build();

	@Test
	void usageGaugesFollowListResponses() {
		this.metrics.bindTo(this.registry);
		assertThat(this.registry.get("moonshot.files.used").gauge().value()).isNaN();
		wiremock.stubFor(get("/v1/files").willReturn(okJson("{\"data\":[{\"id\":\"a\",\"object\":\"file\",\"bytes\":100,\"created_at\":1,\"filename\":\"a.pdf\",\"purpose\":\"file-extract\",\"status\":\"ok\"},{\"id\":\"b\",\"object\":\"file\",\"bytes\":23,\"created_at\":1,\"filename\":\"b.pdf\",\"purpose\":\"file-extract\",\"status\":\"ok\"}]}")));

		this.client.list().block();

		assertThat(this.registry.get("moonshot.files.used").gauge().value()).isEqualTo(2);
		assertThat(this.registry.get("moonshot.files.storage.used").gauge().value()).isEqualTo(123);
		assertThat(this.registry.get("moonshot.files.storage.used").gauge().getId().getBaseUnit()).isEqualTo("bytes");
	}

	@Test
	void retriesAreCountedByOperationAndReason() {
		this.metrics.bindTo(this.registry);
		wiremock.stubFor(get("/v1/files").willReturn(aResponse().withStatus(503)));

		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> this.client.list().block());

		assertThat(this.registry.get("moonshot.files.retries")
			.tag("operation", "list")
			.tag("reason", "server_error")
			.counter()
			.count()).isEqualTo(2);
	}

	@Test
	void callbacksBeforeBindingAreHarmless() {
		this.metrics.retrying("delete", "timeout");
		this.metrics.usageObserved(new FileUsage(1, 1));

		this.metrics.bindTo(this.registry);

		assertThat(this.registry.find("moonshot.files.retries").counter()).isNull();
		assertThat(this.registry.get("moonshot.files.used").gauge().value()).isEqualTo(1);
	}

}
