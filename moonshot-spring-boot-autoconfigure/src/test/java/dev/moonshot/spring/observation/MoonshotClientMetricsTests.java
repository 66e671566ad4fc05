package dev.moonshot.spring.observation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.moonshot.spring.client.MoonshotClientObservationContext;
import dev.moonshot.spring.client.MoonshotFilesClient;
import dev.moonshot.spring.client.MoonshotRetrySettings;
import dev.moonshot.spring.client.model.FileObject;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
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

	private final ObservationRegistry observations = observationRegistry(this.metrics);

	private final MoonshotFilesClient client = MoonshotFilesClient.builder()
		.apiKey("sk-metrics")
		.baseUrl(wiremock.baseUrl())
		.observationRegistry(this.observations)
		.retry(MoonshotRetrySettings.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(10)))
		.build();

	private static ObservationRegistry observationRegistry(MoonshotClientMetrics metrics) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(metrics);
		return registry;
	}

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
		wiremock.stubFor(get("/v1/files").willReturn(aResponse().withStatus(500)));

		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> this.client.list().block());

		assertThat(this.registry.get("moonshot.files.retries")
			.tag("operation", "list")
			.tag("reason", "server_error")
			.counter()
			.count()).isEqualTo(2);
	}

	@Test
	void attemptsKeptBackByTheRateLimitAreTimedByOperation() {
		this.metrics.bindTo(this.registry);
		MoonshotFilesClient once = this.client.mutate().retry(MoonshotRetrySettings.disabled()).build();
		wiremock.stubFor(get("/v1/files").willReturn(aResponse().withStatus(429)
			.withHeader("Retry-After", "1")
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_reached_error\"}}")));
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> once.list().block());
		wiremock.stubFor(get("/v1/files").willReturn(okJson("{\"data\":[]}")));

		// the next call of the client waits for the second the provider asked for
		once.list().block();

		Timer holds = this.registry.get("moonshot.files.rate.limit.holds").tag("operation", "list").timer();
		assertThat(holds.count()).isEqualTo(1);
		assertThat(holds.totalTime(TimeUnit.MILLISECONDS)).isGreaterThan(0).isLessThanOrEqualTo(1000);
	}

	@Test
	void observationsBeforeBindingAreHarmless() {
		MoonshotClientObservationContext retried = new MoonshotClientObservationContext("delete", "f");
		retried.setRetryReason("timeout");
		this.metrics.onEvent(MoonshotClientObservationContext.RETRY, retried);
		MoonshotClientObservationContext listed = new MoonshotClientObservationContext("list", null);
		listed.setResult(List.of(new FileObject("a", "file", 1, Instant.EPOCH, "a.pdf", "file-extract", "ok", null)));
		this.metrics.onStop(listed);

		this.metrics.bindTo(this.registry);

		assertThat(this.registry.find("moonshot.files.retries").counter()).isNull();
		assertThat(this.registry.get("moonshot.files.used").gauge().value()).isEqualTo(1);
	}

	@Test
	void onlyTheClientsObservationsAreHandled() {
		assertThat(this.metrics.supportsContext(new MoonshotClientObservationContext("list", null))).isTrue();
		assertThat(this.metrics.supportsContext(new Observation.Context())).isFalse();
	}

}
