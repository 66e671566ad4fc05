package dev.moonshot.spring.autoconfigure;

import dev.moonshot.spring.client.MoonshotFilesClient;
import dev.moonshot.spring.client.UsageOnlyClient;
import dev.moonshot.spring.client.model.FileUsage;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.NestedTestConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A web application with Actuator whose {@link MoonshotFilesClient} bean the starter did not build: it starts, and
 * {@code /actuator/health} answers. No API key is configured: the application's own bean needs none.
 */
@NestedTestConfiguration(NestedTestConfiguration.EnclosingConfiguration.OVERRIDE)
class MoonshotUserSuppliedClientActuatorIntegrationTests {

	@Nested
	@NestedTestConfiguration(NestedTestConfiguration.EnclosingConfiguration.OVERRIDE)
	@SpringBootTest(classes = ActuatorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = "management.endpoint.health.show-details=always")
	class WithAMockitoBean {

		@MockitoBean
		MoonshotFilesClient client;

		@LocalServerPort
		int port;

		@Test
		void healthAnswersAndTheMockIsReportedUnknown() {
			Mockito.verifyNoInteractions(this.client);

			String health = MoonshotActuatorIntegrationTests.httpGet(this.port, "/actuator/health");

			assertThat(health).startsWith("{\"components\":")
				.contains("\"moonshot\":{\"details\":{\"host\":\"api.moonshot.ai\","
						+ "\"reason\":\"the client returned no usage (a test double?)\"},\"status\":\"UNKNOWN\"}")
				.endsWith("\"status\":\"UP\"}");
		}

	}

	@Nested
	@NestedTestConfiguration(NestedTestConfiguration.EnclosingConfiguration.OVERRIDE)
	@SpringBootTest(classes = { ActuatorApplication.class, OwnClientConfiguration.class },
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = "management.endpoint.health.show-details=always")
	class WithAnImplementationOfTheApplicationsOwn {

		@Autowired
		MoonshotFilesClient client;

		@LocalServerPort
		int port;

		@Test
		void healthAnswersThroughTheClientsInterface() {
			assertThat(this.client).isInstanceOf(UsageOnlyClient.class);

			String health = MoonshotActuatorIntegrationTests.httpGet(this.port, "/actuator/health/moonshot");

			assertThat(health).contains("\"status\":\"UP\"").contains("\"files\":{\"used\":4,\"limit\":1000");
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ActuatorApplication {

	}

	static class OwnClientConfiguration {

		@Bean
		MoonshotFilesClient ownMoonshotFilesClient() {
			return new UsageOnlyClient(Mono.just(new FileUsage(4, 4096)));
		}

	}

}
