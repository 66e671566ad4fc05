package dev.moonshot.spring.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.moonshot.spring.client.model.FilePurpose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.core.io.ByteArrayResource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With DEBUG logging on for Spring, Reactor Netty and the starter, a run of successes, errors and retries writes the
 * API key nowhere: not in a log line, not in a logged exception, not in any exception the caller gets.
 */
class DefaultMoonshotFilesClientLoggingTests {

	private static final String API_KEY = "sk-never-log-me-8c1f2e";

	@RegisterExtension
	static WireMockExtension wiremock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	@RegisterExtension
	final DebugLogs logs = new DebugLogs();

	private final List<Throwable> failures = new ArrayList<>();

	@Test
	void theKeyAppearsInNoLogLineAndNoException() {
		MoonshotFilesClient client = MoonshotFilesClient.builder()
			.apiKey(API_KEY)
			.baseUrl(wiremock.baseUrl())
			.responseTimeout(Duration.ofSeconds(2))
			.retry(MoonshotRetrySettings.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(50)))
			.build();
		wiremock.stubFor(delete("/v1/files/ok").willReturn(okJson("{\"id\":\"ok\",\"object\":\"file\",\"deleted\":true}")));
		wiremock.stubFor(delete("/v1/files/missing").willReturn(aResponse().withStatus(404)
			.withBody("{\"error\":{\"message\":\"File not found\",\"type\":\"resource_not_found_error\"}}")));
		wiremock.stubFor(delete("/v1/files/reset").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		wiremock.stubFor(get("/v1/files").inScenario("retry")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503).withBody("<html>unavailable</html>"))
			.willSetStateTo("up"));
		wiremock.stubFor(get("/v1/files").inScenario("retry")
			.whenScenarioStateIs("up")
			.willReturn(okJson("{\"data\":[]}")));
		wiremock.stubFor(post("/v1/files").willReturn(aResponse().withStatus(401)
			.withBody("{\"error\":{\"message\":\"Invalid Authentication\",\"type\":\"invalid_authentication_error\"}}")));

		client.delete("ok").block();
		client.list().block();
		attempt(() -> client.delete("missing").block());
		attempt(() -> client.delete("reset").block());
		attempt(() -> client.blocking().upload(new ByteArrayResource(new byte[] { 1, 2 }) {

			@Override
			public String getFilename() {
				return "a.txt";
			}

		}, FilePurpose.FILE_EXTRACT));
		attempt(() -> MoonshotFilesClient.builder().apiKey(API_KEY).baseUrl("http://127.0.0.1:1").build().list().block());

		assertThat(this.failures).hasSize(4);
		this.failures.forEach((failure) -> SecretAssertions.assertKeyNotIn(failure, API_KEY));
		assertThat(this.logs.rendered()).as("DEBUG logging is really on").hasSizeGreaterThan(20);
		for (String line : this.logs.rendered()) {
			assertThat(line).doesNotContain(API_KEY).doesNotContainIgnoringCase("Bearer ");
		}
	}

	private void attempt(Runnable call) {
		try {
			call.run();
		}
		catch (RuntimeException ex) {
			this.failures.add(ex);
		}
	}

}
