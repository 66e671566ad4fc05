package dev.moonshot.spring.benchmarks;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.moonshot.spring.client.MoonshotFilesClient;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The clients compared, all against the same stub with the same connection pool settings: Reactor Netty's
 * {@code HttpClient} (the physical limit of the stack), a plain {@code WebClient} decoding the same record, and
 * {@code MoonshotFilesClient} as the starter configures it, with metrics on and off.
 */
final class Clients implements AutoCloseable {

	static final String API_KEY = "sk-benchmark";

	/** The pool of the baselines: as large as the starter's own ({@code moonshot.max-connections}). */
	static final int MAX_CONNECTIONS = 100;

	static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final ConnectionProvider connections = ConnectionProvider.builder("bench-baselines")
		.maxConnections(MAX_CONNECTIONS)
		.pendingAcquireMaxCount(-1)
		.build();

	private final HttpClient raw;

	private final WebClient webClient;

	private final WebClient instrumentedWebClient;

	private final ConfigurableApplicationContext withMetrics;

	private final ConfigurableApplicationContext withoutMetrics;

	final MoonshotFilesClient moonshot;

	final MoonshotFilesClient moonshotWithMetrics;

	Clients(String baseUrl) {
		this.raw = HttpClient.create(this.connections)
			.baseUrl(baseUrl)
			.headers((headers) -> headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + API_KEY)
				.set(HttpHeaderNames.ACCEPT, "application/json")
				.set(HttpHeaderNames.USER_AGENT, "bench"));
		this.webClient = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create(this.connections)))
			.baseUrl(baseUrl)
			.defaultHeader("Authorization", "Bearer " + API_KEY)
			.defaultHeader("User-Agent", "bench")
			.build();
		this.withoutMetrics = start(baseUrl, false);
		this.withMetrics = start(baseUrl, true);
		this.instrumentedWebClient = this.withMetrics.getBean(WebClient.Builder.class)
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create(this.connections)))
			.baseUrl(baseUrl)
			.defaultHeader("Authorization", "Bearer " + API_KEY)
			.defaultHeader("User-Agent", "bench")
			.build();
		this.moonshot = this.withoutMetrics.getBean(MoonshotFilesClient.class);
		this.moonshotWithMetrics = this.withMetrics.getBean(MoonshotFilesClient.class);
	}

	private static ConfigurableApplicationContext start(String baseUrl, boolean metrics) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(StarterApplication.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("moonshot.api-key=" + API_KEY, "moonshot.base-url=" + baseUrl, "spring.main.banner-mode=off",
					"logging.level.root=warn", "spring.jmx.enabled=false");
		if (!metrics) {
			application.properties("spring.autoconfigure.exclude="
					+ "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration,"
					+ "org.springframework.boot.webclient.autoconfigure.WebClientObservationAutoConfiguration");
		}
		return application.run();
	}

	Mono<Deleted> raw(String fileId) {
		return this.raw.delete()
			.uri("/v1/files/" + fileId)
			.responseSingle((response, body) -> body.asByteArray()
				.map((bytes) -> MAPPER.readValue(bytes, Deleted.class)));
	}

	Mono<Deleted> webClient(String fileId) {
		return webClient(this.webClient, fileId);
	}

	/** A WebClient from Boot's instrumented builder: {@code http.client.requests} recorded, as for the starter. */
	Mono<Deleted> instrumentedWebClient(String fileId) {
		return webClient(this.instrumentedWebClient, fileId);
	}

	private static Mono<Deleted> webClient(WebClient webClient, String fileId) {
		return webClient.delete()
			.uri("/v1/files/{file_id}", fileId)
			.accept(org.springframework.http.MediaType.APPLICATION_JSON)
			.retrieve()
			.bodyToMono(Deleted.class);
	}

	@Override
	public void close() {
		this.withMetrics.close();
		this.withoutMetrics.close();
		this.connections.disposeLater().block(Duration.ofSeconds(10));
	}

	/** The same record the starter decodes. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Deleted(@JsonProperty("id") String id, @JsonProperty("object") String object,
			@JsonProperty("deleted") Boolean deleted) {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class StarterApplication {

	}

}
