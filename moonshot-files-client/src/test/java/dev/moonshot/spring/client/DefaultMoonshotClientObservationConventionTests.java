package dev.moonshot.spring.client;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.moonshot.spring.client.exception.MoonshotApiException;
import dev.moonshot.spring.client.exception.MoonshotConnectException;
import dev.moonshot.spring.client.exception.MoonshotNotFoundException;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class DefaultMoonshotClientObservationConventionTests {

	@RegisterExtension
	static WireMockExtension wiremock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final MoonshotFilesClient client = MoonshotFilesClient.builder()
		.apiKey("sk-observed")
		.baseUrl(wiremock.baseUrl())
		.observationRegistry(this.registry)
		.retry(MoonshotRetrySettings.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(20)))
		.build();

	@Test
	void successfulDelete() {
		wiremock.stubFor(delete("/v1/files/file-7").willReturn(okJson("{\"id\":\"f\",\"object\":\"file\",\"deleted\":true}")));

		this.client.delete("file-7").block();

		TestObservationRegistryAssert.assertThat(this.registry)
			.hasNumberOfObservationsWithNameEqualTo("moonshot.files.requests", 1)
			.hasObservationWithNameEqualTo("moonshot.files.requests")
			.that()
			.hasContextualNameEqualTo("moonshot delete")
			.hasLowCardinalityKeyValue("operation", "delete")
			.hasLowCardinalityKeyValue("outcome", "SUCCESS")
			.hasLowCardinalityKeyValue("error.type", "none")
			.hasLowCardinalityKeyValue("exception", "none")
			.hasHighCardinalityKeyValue("moonshot.file.id", "file-7")
			.doesNotHaveLowCardinalityKeyValueWithKey("moonshot.file.id")
			.hasBeenStarted()
			.hasBeenStopped();
	}

	@Test
	void notFound() {
		wiremock.stubFor(delete("/v1/files/gone").willReturn(aResponse().withStatus(404)
			.withBody("{\"error\":{\"message\":\"File not found\",\"type\":\"resource_not_found_error\"}}")));

		assertThatExceptionOfType(MoonshotNotFoundException.class).isThrownBy(() -> this.client.delete("gone").block());

		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("moonshot.files.requests")
			.that()
			.hasLowCardinalityKeyValue("outcome", "CLIENT_ERROR")
			.hasLowCardinalityKeyValue("error.type", "resource_not_found_error")
			.hasLowCardinalityKeyValue("exception", "MoonshotNotFoundException")
			.assertThatError()
			.isInstanceOf(MoonshotNotFoundException.class);
	}

	@Test
	void unknownProviderErrorTypesAreBucketed() {
		wiremock.stubFor(get("/v1/files").willReturn(aResponse().withStatus(400)
			.withBody("{\"error\":{\"message\":\"m\",\"type\":\"brand_new_error_" + System.nanoTime() + "\"}}")));

		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> this.client.list().block());

		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("moonshot.files.requests")
			.that()
			.hasLowCardinalityKeyValue("operation", "list")
			.hasLowCardinalityKeyValue("error.type", "other")
			.doesNotHaveHighCardinalityKeyValueWithKey("moonshot.file.id");
	}

	/** The versioned API's vocabulary is the provider's too: each type is a tag value of its own. */
	@ParameterizedTest
	@CsvSource({ "400, invalid_parameter_error", "400, failed_precondition_error", "401, authentication_error",
			"409, conflict_error", "400, content_filter", "429, engine_overloaded_error" })
	void everyProviderErrorTypeOfBothProtocolsIsTaggedAsItself(int status, String type) {
		wiremock.stubFor(get("/v1/files/f").willReturn(aResponse().withStatus(status)
			.withBody("{\"error\":{\"message\":\"m\",\"type\":\"" + type + "\",\"request_id\":\"r\"}}")));

		assertThatExceptionOfType(MoonshotApiException.class).isThrownBy(() -> this.client.mutate()
			.retry(MoonshotRetrySettings.disabled())
			.build()
			.retrieve("f")
			.block());

		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("moonshot.files.requests")
			.that()
			.hasLowCardinalityKeyValue("error.type", type);
	}

	/**
	 * Why a retry was made, as operators need to tell the causes apart: the provider's overload is not the
	 * account's rate limit, and a 408 or the rollout's 400 is not a server error.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			429 | {"error":{"message":"m","type":"rate_limit_reached_error"}}                   | rate_limited
			429 | {"error":{"message":"m","type":"engine_overloaded_error"}}                    | overloaded
			408 | {"error":{"message":"m"}}                                                     | request_timeout
			400 | {"error":{"message":"missing required header Kimi-Api-Version","type":"invalid_request_error"}} | version_header_required
			500 | {"error":{"message":"m","type":"server_error"}}                               | server_error
			502 | <html>bad gateway</html>                                                      | server_error
			503 | {"error":{"message":"m","type":"server_unavailable"}}                         | unavailable
			""")
	void eachRetryIsTaggedWithItsCause(int status, String body, String reason) {
		wiremock.stubFor(get("/v1/files/f").inScenario("retry")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(status).withBody(body))
			.willSetStateTo("ok"));
		wiremock.stubFor(get("/v1/files/f").inScenario("retry")
			.whenScenarioStateIs("ok")
			.willReturn(okJson("{\"id\":\"f\",\"object\":\"file\",\"bytes\":1,\"created_at\":1,"
					+ "\"filename\":\"a.txt\",\"purpose\":\"file-extract\",\"status\":\"ok\"}")));

		this.client.retrieve("f").block();

		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("moonshot.files.requests")
			.that()
			.hasEvent(MoonshotClientObservationContext.RETRY.getName())
			.hasLowCardinalityKeyValue("outcome", "SUCCESS")
			.satisfies((context) -> assertThat(((MoonshotClientObservationContext) context).getRetryReason())
				.isEqualTo(reason));
	}

	@Test
	void oneObservationSpansTheRetries() {
		wiremock.stubFor(get("/v1/files").inScenario("r")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("ok"));
		wiremock.stubFor(get("/v1/files").inScenario("r").whenScenarioStateIs("ok").willReturn(okJson("{\"data\":[]}")));

		this.client.list().block();

		TestObservationRegistryAssert.assertThat(this.registry)
			.hasNumberOfObservationsWithNameEqualTo("moonshot.files.requests", 1)
			.hasObservationWithNameEqualTo("moonshot.files.requests")
			.that()
			.hasLowCardinalityKeyValue("outcome", "SUCCESS");
	}

	@Test
	void transportFailure() {
		MoonshotFilesClient unreachable = this.client.mutate()
			.baseUrl("http://127.0.0.1:1")
			.retry(MoonshotRetrySettings.disabled())
			.build();

		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> unreachable.retrieve("f").block());

		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("moonshot.files.requests")
			.that()
			.hasLowCardinalityKeyValue("operation", "retrieve")
			.hasLowCardinalityKeyValue("outcome", "TRANSPORT_ERROR")
			.hasLowCardinalityKeyValue("exception", "MoonshotConnectException");
	}

	/**
	 * The first attempt is built when the call is subscribed, inside its observation: a failure to build it (here a
	 * user's WebClient request hook that throws) still ends the call in its observation, which is stopped, and sends
	 * nothing.
	 */
	@Test
	void aRequestThatCannotBeBuiltStillEndsItsObservation() {
		MoonshotFilesClient failing = this.client.mutate()
			.webClientBuilder(WebClient.builder().defaultRequest((request) -> {
				throw new IllegalStateException("request hook failed");
			}))
			.retry(MoonshotRetrySettings.disabled())
			.build();

		assertThatIllegalStateException().isThrownBy(() -> failing.retrieve("f").block())
			.withMessage("request hook failed");

		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("moonshot.files.requests")
			.that()
			.hasLowCardinalityKeyValue("operation", "retrieve")
			.hasBeenStarted()
			.hasBeenStopped();
		assertThat(wiremock.getAllServeEvents()).isEmpty();
	}

	@Test
	void noObservationWithoutARegistry() {
		wiremock.stubFor(get("/v1/files").willReturn(okJson("{\"data\":[]}")));

		MoonshotFilesClient.builder().apiKey("k").baseUrl(wiremock.baseUrl()).build().list().block();

		TestObservationRegistryAssert.assertThat(this.registry).doesNotHaveAnyObservation();
	}

}
