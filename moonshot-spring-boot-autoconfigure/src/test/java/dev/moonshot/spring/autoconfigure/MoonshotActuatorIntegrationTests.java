package dev.moonshot.spring.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.moonshot.spring.client.MoonshotFilesClient;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A web application with Actuator, on a random port, against a stub of the provider: the health contributor, the
 * meters, and that the key appears in no Actuator response.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=*", "management.endpoint.health.show-details=always",
				"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always",
				"moonshot.health.cache-ttl=1h" })
class MoonshotActuatorIntegrationTests {

	static final String API_KEY = "sk-actuator-7d41b0c2e9";

	@RegisterExtension
	static WireMockExtension wiremock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	@DynamicPropertySource
	static void moonshot(DynamicPropertyRegistry registry) {
		registry.add("moonshot.base-url", wiremock::baseUrl);
		registry.add("moonshot.api-key", () -> API_KEY);
	}

	@LocalServerPort
	int port;

	@Autowired
	MoonshotFilesClient client;

	@Autowired
	MeterRegistry meterRegistry;

	@BeforeEach
	void stubProvider() {
		wiremock.stubFor(get("/v1/files").willReturn(okJson("{\"object\":\"list\",\"data\":["
				+ "{\"id\":\"a\",\"object\":\"file\",\"bytes\":2048,\"created_at\":1,\"filename\":\"a.pdf\",\"purpose\":\"file-extract\",\"status\":\"ok\"}]}")));
		wiremock.stubFor(delete(urlPathMatching("/v1/files/.*")).willReturn(okJson("{\"id\":\"f\",\"object\":\"file\",\"deleted\":true}")));
	}

	@Test
	void healthIsUpWithDetailsAndCached() {
		String first = actuator("/actuator/health/moonshot");
		int probes = wiremock.findAll(getRequestedFor(urlPathEqualTo("/v1/files"))).size();
		for (int i = 0; i < 5; i++) {
			assertThat(actuator("/actuator/health/moonshot")).contains("\"status\":\"UP\"");
		}

		assertThat(first).contains("\"status\":\"UP\"")
			.contains("\"host\":\"localhost\"")
			.contains("\"files\":{\"used\":1,\"limit\":1000,\"share\":0.001}")
			.contains("\"storage\":{\"used\":2048,\"limit\":10737418240")
			.contains("\"latencyMs\":");
		assertThat(probes).isLessThanOrEqualTo(1);
		assertThat(wiremock.findAll(getRequestedFor(urlPathEqualTo("/v1/files")))).as("served from the cache")
			.hasSize(probes);
	}

	@Test
	void metersAreVisibleThroughActuator() {
		this.client.delete("file-metrics").block();
		this.client.list().block();

		assertThat(actuator("/actuator/metrics/moonshot.files.requests")).contains("{\"tag\":\"operation\",\"values\":[")
			.contains("\"delete\"")
			.contains("\"list\"")
			.doesNotContain("file-metrics");
		assertThat(actuator("/actuator/metrics/moonshot.files.used")).contains("\"value\":1.0");
		assertThat(actuator("/actuator/metrics/http.client.requests")).contains("\"/v1/files/{file_id}\"")
			.doesNotContain("file-metrics");
	}

	/**
	 * A retry is counted once, as {@code moonshot.files.retries} with its reason: Micrometer's own counter of the
	 * same observation event would carry the call's tags as they stood mid-call (no outcome yet, no reason).
	 */
	@Test
	void aRetryIsCountedOnceWithItsReason() {
		wiremock.stubFor(delete("/v1/files/retried").inScenario("retry")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("ok"));
		wiremock.stubFor(delete("/v1/files/retried").inScenario("retry")
			.whenScenarioStateIs("ok")
			.willReturn(okJson("{\"id\":\"retried\",\"object\":\"file\",\"deleted\":true}")));

		this.client.delete("retried").block();

		assertThat(this.meterRegistry.get("moonshot.files.retries")
			.tags("operation", "delete", "reason", "unavailable")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.meterRegistry.find("moonshot.files.requests.retry").meters()).isEmpty();
		assertThat(actuator("/actuator/metrics")).contains("\"moonshot.files.retries\"")
			.doesNotContain("moonshot.files.requests.retry");
	}

	@Test
	void oneHundredDistinctDeletesAddNoMeterAndNoFileIdTag() {
		this.client.delete("warm-up").block();
		Set<String> before = meterIds();

		Flux.fromStream(IntStream.range(0, 100).mapToObj((i) -> "distinct-file-" + i))
			.flatMap(this.client::delete, 8)
			.blockLast();

		Set<String> after = meterIds();
		assertThat(before).isNotEmpty();
		assertThat(after).isEqualTo(before);
		List<Tag> tags = this.meterRegistry.getMeters()
			.stream()
			.flatMap((meter) -> meter.getId().getTags().stream())
			.toList();
		assertThat(tags).noneMatch((tag) -> tag.getValue().contains("distinct-file-") || tag.getValue().contains("warm-up"));
		assertThat(tags).contains(Tag.of("uri", "/v1/files/{file_id}"));
	}

	@Test
	void theKeyAppearsInNoActuatorResponse() {
		this.client.list().block();
		String env = actuator("/actuator/env");
		String configprops = actuator("/actuator/configprops");

		assertThat(env).contains("moonshot.api-key").contains("******");
		assertThat(configprops).contains("\"apiKey\":\"******\"");
		for (String body : List.of(env, configprops, actuator("/actuator/env/moonshot.api-key"),
				actuator("/actuator/health"), actuator("/actuator/metrics"),
				actuator("/actuator/metrics/moonshot.files.requests"), actuator("/actuator/beans"))) {
			assertThat(body).doesNotContain(API_KEY);
		}
	}

	/** The meters the client's calls can create (the JVM's own come and go with garbage collections). */
	private Set<String> meterIds() {
		Set<String> ids = new HashSet<>();
		for (Meter meter : this.meterRegistry.getMeters()) {
			String name = meter.getId().getName();
			if (name.startsWith("moonshot.") || name.startsWith("http.client.")) {
				ids.add(meter.getId().toString());
			}
		}
		return ids;
	}

	private String actuator(String path) {
		return httpGet(this.port, path);
	}

	/**
	 * The body of a GET to the application on a port, whatever its status. Sent with the JDK's own HTTP client: one
	 * on Reactor Netty's shared resources (as {@code WebClient.create} is) can be left on event loops that a Spring
	 * context closed earlier in the same JVM disposed, and then waits for an answer forever (seen in CI). A request
	 * that gets no answer fails the test, naming the path.
	 */
	static String httpGet(int port, String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofMinutes(1))
			.build();
		try {
			return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("GET " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("GET " + path + " was interrupted", ex);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ActuatorApplication {

	}

}
