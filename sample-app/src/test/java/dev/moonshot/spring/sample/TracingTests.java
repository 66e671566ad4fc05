package dev.moonshot.spring.sample;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.moonshot.spring.client.MoonshotFilesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a trace of a delete looks like with Boot's Brave tracing (what Zipkin or Tempo would receive): one
 * {@code moonshot delete} span for the call, one {@code http delete} client span per attempt as its children, the
 * W3C {@code traceparent} of each attempt on the wire, the retry as an event of the call's span with its reason, the
 * file id as a span tag (never a metric tag), and the key nowhere.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "moonshot.api-key=" + TracingTests.API_KEY,
				"moonshot.retry.initial-backoff=10ms", "moonshot.retry.jitter=0",
				"management.tracing.sampling.probability=1.0" })
@AutoConfigureTracing
class TracingTests {

	static final String API_KEY = "sk-tracing-4b1d8e2f6a9c3057";

	private static final String FILE_ID = "file-traced-1";

	@RegisterExtension
	static WireMockExtension wiremock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		registry.add("moonshot.base-url", wiremock::baseUrl);
	}

	@Autowired
	MoonshotFilesClient client;

	@Autowired
	RecordedSpans spans;

	@Test
	void aDeleteIsOneSpanWithAnHttpChildPerAttemptAndItsRetryAsAnEvent() {
		wiremock.stubFor(delete("/v1/files/" + FILE_ID).inScenario("outage")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("recovered"));
		wiremock.stubFor(delete("/v1/files/" + FILE_ID).inScenario("outage")
			.whenScenarioStateIs("recovered")
			.willReturn(okJson("{\"id\":\"" + FILE_ID + "\",\"object\":\"file\",\"deleted\":true}")));

		this.client.delete(FILE_ID).block();

		MutableSpan call = this.spans.named("moonshot delete").get(0);
		List<MutableSpan> attempts = this.spans.named("http delete");
		assertThat(this.spans.named("moonshot delete")).hasSize(1);
		assertThat(attempts).hasSize(2).allSatisfy((attempt) -> {
			assertThat(attempt.traceId()).isEqualTo(call.traceId());
			assertThat(attempt.parentId()).isEqualTo(call.id());
			assertThat(attempt.kind()).isEqualTo(brave.Span.Kind.CLIENT);
		});
		assertThat(attempts).extracting((attempt) -> attempt.tag("status")).containsExactlyInAnyOrder("503", "200");

		// each attempt carried its own span's context to the provider
		List<String> traceparents = wiremock.getAllServeEvents()
			.stream()
			.map(ServeEvent::getRequest)
			.map((request) -> request.getHeader("traceparent"))
			.toList();
		assertThat(traceparents).hasSize(2)
			.allSatisfy((traceparent) -> assertThat(traceparent).startsWith("00-" + call.traceId() + "-").endsWith("-01"))
			.containsExactlyInAnyOrderElementsOf(
					attempts.stream().map((attempt) -> "00-" + call.traceId() + "-" + attempt.id() + "-01").toList());

		assertThat(call.tag("moonshot.file.id")).isEqualTo(FILE_ID);
		assertThat(call.tag("operation")).isEqualTo("delete");
		assertThat(call.tag("outcome")).isEqualTo("SUCCESS");
		assertThat(call.annotationCount()).isEqualTo(1);
		assertThat(call.annotationValueAt(0)).isEqualTo("retry unavailable");

		assertThat(this.spans.all()).allSatisfy((span) -> assertThat(span.toString()).doesNotContain(API_KEY)
			.doesNotContain("Bearer"));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Spans {

		@Bean
		RecordedSpans recordedSpans() {
			return new RecordedSpans();
		}

	}

	/** Every finished span, kept in memory: what a reporter would send to Zipkin. */
	static class RecordedSpans extends SpanHandler {

		private final List<MutableSpan> spans = new CopyOnWriteArrayList<>();

		@Override
		public boolean end(TraceContext context, MutableSpan span, Cause cause) {
			if (cause == Cause.FINISHED) {
				this.spans.add(span);
			}
			return true;
		}

		List<MutableSpan> all() {
			return List.copyOf(this.spans);
		}

		List<MutableSpan> named(String name) {
			return this.spans.stream().filter((span) -> name.equals(span.name())).toList();
		}

	}

}
