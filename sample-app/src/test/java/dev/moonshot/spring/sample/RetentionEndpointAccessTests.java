package dev.moonshot.spring.sample;

import java.time.Duration;
import java.time.Instant;

import dev.moonshot.spring.test.EnableMoonshotFake;
import dev.moonshot.spring.test.FakeOperation;
import dev.moonshot.spring.test.MoonshotFakeServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code moonshotretention} endpoint, exposed over HTTP as the sample exposes it: read-only unless the
 * application grants more, so that no one who reaches the management port can run a real deletion by default.
 */
class RetentionEndpointAccessTests {

	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
	@EnableMoonshotFake
	class ByDefault extends EndpointCalls {

		@Test
		void aRealRunIsRefusedAndNothingIsDeleted() {
			ResponseEntity<String> run = postRealRun();

			assertThat(run.getStatusCode().value()).as(run.toString()).isEqualTo(405);
			assertThat(this.fake.files()).hasSize(2);
			assertThat(this.fake.requestCount(FakeOperation.DELETE)).isZero();
		}

		@Test
		void theStateAndADryRunCanBeRead() {
			ResponseEntity<String> state = get("/actuator/moonshotretention");
			ResponseEntity<String> dryRun = get("/actuator/moonshotretention/dry-run");

			assertThat(state.getStatusCode().value()).isEqualTo(200);
			assertThat(state.getBody()).contains("\"scope\":\"filenames starting with \\\"sample-\\\"\"");
			assertThat(dryRun.getStatusCode().value()).isEqualTo(200);
			assertThat(dryRun.getBody()).contains("\"dryRun\":true").contains("\"wouldDelete\":[{").contains(this.old);
			assertThat(get("/actuator/moonshotretention/anything-else").getStatusCode().value()).isEqualTo(404);
			assertThat(this.fake.files()).hasSize(2);
			assertThat(this.fake.requestCount(FakeOperation.DELETE)).isZero();
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			// a lock of its own: other tests' runs in this JVM hold the sample's for lock-at-least-for
			properties = { "management.endpoint.moonshotretention.access=unrestricted",
					"moonshot.retention.lock-name=retention-endpoint-access-tests" })
	@EnableMoonshotFake
	class WhenGranted extends EndpointCalls {

		@Test
		void aRealRunDeletesTheScopesOldFiles() {
			ResponseEntity<String> run = postRealRun();

			assertThat(run.getStatusCode().value()).as(run.toString()).isEqualTo(200);
			assertThat(run.getBody()).contains("\"deleted\":[\"" + this.old + "\"]");
			assertThat(this.fake.files()).extracting("filename").containsExactly("other-app.txt");
		}

		@Test
		void theStateCanStillBeRead() {
			assertThat(get("/actuator/moonshotretention").getStatusCode().value()).isEqualTo(200);
		}

	}

	abstract static class EndpointCalls {

		@LocalServerPort
		int port;

		@Autowired
		MoonshotFakeServer fake;

		String old;

		private RestClient http;

		@BeforeEach
		void seedAnOldFileOfTheScopeAndOneOfAnotherApplication() {
			this.fake.reset();
			this.old = this.fake.seed("sample-old.txt", "file-extract", "o", Instant.now().minus(Duration.ofDays(60)))
				.id();
			this.fake.seed("other-app.txt", "file-extract", "x", Instant.now().minus(Duration.ofDays(90)));
			this.http = RestClient.builder()
				.baseUrl("http://127.0.0.1:" + this.port)
				.defaultStatusHandler((status) -> true, (request, response) -> {
				})
				.build();
		}

		ResponseEntity<String> get(String path) {
			return this.http.get().uri(path).retrieve().toEntity(String.class);
		}

		ResponseEntity<String> postRealRun() {
			return this.http.post()
				.uri("/actuator/moonshotretention")
				.contentType(MediaType.APPLICATION_JSON)
				.body("{\"dryRun\": false}")
				.retrieve()
				.toEntity(String.class);
		}

	}

}
