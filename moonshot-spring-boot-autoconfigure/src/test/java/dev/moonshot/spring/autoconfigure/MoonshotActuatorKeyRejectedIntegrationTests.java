package dev.moonshot.spring.autoconfigure;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health contributor over HTTP when the provider rejects the key: DOWN, with the provider's error type.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoint.health.show-details=always", "moonshot.api-key=sk-rejected-31f0" })
class MoonshotActuatorKeyRejectedIntegrationTests {

	@RegisterExtension
	static WireMockExtension wiremock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	@DynamicPropertySource
	static void moonshot(DynamicPropertyRegistry registry) {
		registry.add("moonshot.base-url", wiremock::baseUrl);
	}

	@LocalServerPort
	int port;

	@Test
	void healthIsDownWithTheProvidersErrorType() {
		wiremock.stubFor(get("/v1/files").willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Invalid Authentication\",\"type\":\"invalid_authentication_error\"}}")));

		ResponseEntity<String> response = WebClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri("/actuator/health/moonshot")
			.exchangeToMono((answer) -> answer.toEntity(String.class))
			.block();

		assertThat(response.getStatusCode().value()).isEqualTo(503);
		assertThat(response.getBody()).contains("\"status\":\"DOWN\"")
			.contains("\"errorType\":\"invalid_authentication_error\"")
			.contains("\"httpStatus\":401")
			.doesNotContain("sk-rejected-31f0");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ActuatorApplication {

	}

}
