package dev.moonshot.spring.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.moonshot.spring.client.MoonshotFilesClient;
import dev.moonshot.spring.client.SilentListener;
import dev.moonshot.spring.client.UsageOnlyClient;
import dev.moonshot.spring.client.exception.MoonshotAuthenticationException;
import dev.moonshot.spring.client.exception.MoonshotTimeoutException;
import dev.moonshot.spring.client.model.ApiKeyInUse;
import dev.moonshot.spring.client.model.FileUsage;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.Mockito;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

class MoonshotHealthIndicatorTests {

	private static final String API_KEY = "sk-health-secret";

	@RegisterExtension
	static WireMockExtension wiremock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private final MoonshotFilesClient client = MoonshotFilesClient.builder()
		.apiKey(API_KEY)
		.baseUrl(wiremock.baseUrl())
		.build();

	private MoonshotHealthIndicator indicator(Duration timeout, Duration cacheTtl) {
		return new MoonshotHealthIndicator(this.client, "api.moonshot.ai", timeout, cacheTtl);
	}

	@Test
	void upWithQuotaUsage() {
		wiremock.stubFor(get("/v1/files").willReturn(okJson("{\"object\":\"list\",\"data\":["
				+ "{\"id\":\"a\",\"object\":\"file\",\"bytes\":1073741824,\"created_at\":1,\"filename\":\"a.pdf\",\"purpose\":\"file-extract\",\"status\":\"ok\"},"
				+ "{\"id\":\"b\",\"object\":\"file\",\"bytes\":1073741824,\"created_at\":1,\"filename\":\"b.pdf\",\"purpose\":\"file-extract\",\"status\":\"ok\"}]}")));

		Health health = indicator(Duration.ofSeconds(5), Duration.ofSeconds(30)).health().block();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("host", "api.moonshot.ai")
			.containsEntry("files", Map.of("used", 2L, "limit", 1000L, "share", 0.002))
			.containsEntry("storage", Map.of("used", 2147483648L, "limit", 10737418240L, "share", 0.2))
			.containsKey("latencyMs");
		assertThat(health.toString()).doesNotContain(API_KEY);
		wiremock.verify(1, getRequestedFor(urlPathEqualTo("/v1/files")));
	}

	@Test
	void theDetailsShowThatTheApiVersionIsBeingRetired() {
		wiremock.stubFor(get("/v1/files").willReturn(okJson("{\"object\":\"list\",\"data\":[]}")
			.withHeader("Deprecation", "true")
			.withHeader("Sunset", "2027-03-01")));

		Health health = indicator(Duration.ofSeconds(5), Duration.ofSeconds(30)).health().block();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).extractingByKey("deprecation")
			.isEqualTo(Map.of("version", "none", "sunset", "2027-03-01", "advice",
					"Moonshot API version (none: the compatible behaviour) is being retired on 2027-03-01; move to a "
							+ "newer version (moonshot.api-version; see the provider's ChangeLog)"));
	}

	@Test
	void theKeyInUseIsShownByItsFingerprintAndSinceWhenItChanged() {
		wiremock.stubFor(get("/v1/files").willReturn(okJson("{\"object\":\"list\",\"data\":[]}")));
		AtomicReference<String> key = new AtomicReference<>(API_KEY);
		MoonshotFilesClient rotating = MoonshotFilesClient.builder()
			.credentials(key::get)
			.baseUrl(wiremock.baseUrl())
			.build();
		Instant before = Instant.now();
		key.set("sk-health-rotated");

		Health health = new MoonshotHealthIndicator(rotating, "api.moonshot.ai", Duration.ofSeconds(5), Duration.ZERO)
			.health()
			.block();

		assertThat(health.getDetails()).extractingByKey("apiKey", InstanceOfAssertFactories.MAP)
			.containsOnlyKeys("fingerprint", "since")
			.containsEntry("fingerprint", ApiKeyInUse.fingerprintOf("sk-health-rotated"))
			.hasEntrySatisfying("since", (since) -> assertThat(Instant.parse((String) since)).isAfterOrEqualTo(before));
		assertThat(health.toString()).doesNotContain("sk-health").doesNotContain("rotated");
		wiremock.verify(getRequestedFor(urlPathEqualTo("/v1/files")).withHeader("Authorization",
				equalTo("Bearer sk-health-rotated")));
	}

	@Test
	void downWhenTheKeyIsRejected() {
		wiremock.stubFor(get("/v1/files").willReturn(aResponse().withStatus(401)
			.withHeader("Msh-Request-Id", "req-401")
			.withBody("{\"error\":{\"message\":\"Invalid Authentication\",\"type\":\"invalid_authentication_error\"}}")));

		Health health = indicator(Duration.ofSeconds(5), Duration.ofSeconds(30)).health().block();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("httpStatus", 401)
			.containsEntry("errorType", "invalid_authentication_error")
			.containsEntry("requestId", "req-401")
			.containsEntry("error", "MoonshotAuthenticationException");
		assertThat((String) health.getDetails().get("reason")).contains("check moonshot.api-key");
		assertThat(health.getDetails()).extractingByKey("apiKey", InstanceOfAssertFactories.MAP)
			.containsEntry("fingerprint", ApiKeyInUse.fingerprintOf(API_KEY));
		assertThat(health.toString()).doesNotContain(API_KEY);
	}

	@Test
	void downOnServerErrorWithoutRetrying() {
		wiremock.stubFor(get("/v1/files").willReturn(aResponse().withStatus(503)));

		Health health = indicator(Duration.ofSeconds(5), Duration.ofSeconds(30)).health().block();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("httpStatus", 503)
			.containsEntry("reason", "the provider is failing");
		wiremock.verify(1, anyRequestedFor(anyUrl()));
	}

	@Test
	void downOnTimeout() {
		wiremock.stubFor(get("/v1/files").willReturn(okJson("{}").withFixedDelay(5_000)));

		Health health = indicator(Duration.ofMillis(300), Duration.ofSeconds(30)).health().block(Duration.ofSeconds(3));

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("error", "MoonshotTimeoutException")
			.containsEntry("reason", "no answer within 300 ms");
		wiremock.verify(1, anyRequestedFor(anyUrl()));
	}

	@Test
	void unknownWhenRateLimited() {
		wiremock.stubFor(get("/v1/files").willReturn(aResponse().withStatus(429)
			.withBody("{\"error\":{\"message\":\"max RPM\",\"type\":\"rate_limit_reached_error\"}}")));

		Health health = indicator(Duration.ofSeconds(5), Duration.ofSeconds(30)).health().block();

		assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
		wiremock.verify(1, anyRequestedFor(anyUrl()));
	}

	@Test
	void resultIsCachedAndConcurrentChecksShareOneProbe() {
		wiremock.stubFor(get("/v1/files").willReturn(okJson("{\"data\":[]}").withFixedDelay(200)));
		MoonshotHealthIndicator indicator = indicator(Duration.ofSeconds(5), Duration.ofMinutes(5));

		java.util.List<Health> checks = Flux.range(0, 20)
			.flatMap((i) -> indicator.health(), 20)
			.collectList()
			.block(Duration.ofSeconds(10));
		Health later = indicator.health().block();

		assertThat(checks).hasSize(20).allSatisfy((health) -> assertThat(health.getStatus()).isEqualTo(Status.UP));
		assertThat(later.getStatus()).isEqualTo(Status.UP);
		wiremock.verify(1, anyRequestedFor(anyUrl()));
	}

	@Test
	void aDownResultIsCachedToo() {
		wiremock.stubFor(get("/v1/files").willReturn(aResponse().withStatus(500)));
		MoonshotHealthIndicator indicator = indicator(Duration.ofSeconds(5), Duration.ofMinutes(5));

		indicator.health().block();
		indicator.health().block();

		wiremock.verify(1, anyRequestedFor(anyUrl()));
	}

	@Test
	void probesAgainAfterTheTimeToLive() {
		wiremock.stubFor(get("/v1/files").willReturn(okJson("{\"data\":[]}")));
		MoonshotHealthIndicator indicator = indicator(Duration.ofSeconds(5), Duration.ofMillis(100));

		indicator.health().block();
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> {
				indicator.health().block();
				assertThat(wiremock.getAllServeEvents()).hasSizeGreaterThanOrEqualTo(2);
			});
	}

	@Test
	void aConnectTimeoutSaysSoWithTheConfiguredLimit() throws Exception {
		try (SilentListener silent = new SilentListener()) {
			MoonshotFilesClient unreachable = MoonshotFilesClient.builder()
				.apiKey(API_KEY)
				.baseUrl(silent.baseUrl())
				.connectTimeout(Duration.ofMillis(250))
				.build();

			Health health = new MoonshotHealthIndicator(unreachable, "api.moonshot.ai", Duration.ofSeconds(5),
					Duration.ofSeconds(30))
				.health()
				.block(Duration.ofSeconds(5));

			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("error", "MoonshotTimeoutException")
				.containsEntry("reason", "could not connect to the provider within the connect timeout of 250 ms "
						+ "(moonshot.connect-timeout)");
		}
	}

	@Test
	void aMockIsNeitherCalledAtConstructionNorReportedDown() {
		MoonshotFilesClient mock = Mockito.mock(MoonshotFilesClient.class);

		MoonshotHealthIndicator indicator = new MoonshotHealthIndicator(mock, "api.moonshot.ai", Duration.ofSeconds(1),
				Duration.ofSeconds(30));
		Mockito.verifyNoInteractions(mock);
		Health health = indicator.health().block(Duration.ofSeconds(5));

		assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(health.getDetails()).containsEntry("reason", "the client returned no usage (a test double?)");
		wiremock.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void aHandWrittenClientIsProbedThroughItsInterface() {
		MoonshotFilesClient own = new UsageOnlyClient(Mono.just(new FileUsage(3, 3072)));

		Health health = new MoonshotHealthIndicator(own, "api.moonshot.ai", Duration.ofSeconds(1),
				Duration.ofSeconds(30))
			.health()
			.block(Duration.ofSeconds(5));

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("files", Map.of("used", 3L, "limit", 1000L, "share", 0.003));
	}

	@Test
	void aHandWrittenClientThatNeverAnswersIsBoundedByTheProbeTimeout() {
		MoonshotFilesClient silent = new UsageOnlyClient(Mono.never());

		Health health = new MoonshotHealthIndicator(silent, "api.moonshot.ai", Duration.ofMillis(200),
				Duration.ofSeconds(30))
			.health()
			.block(Duration.ofSeconds(5));

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reason", "no answer within 200 ms");
	}

	@Test
	void aHandWrittenClientThatFailsOutsideTheHierarchyIsUnknown() {
		MoonshotFilesClient failing = new UsageOnlyClient(Mono.error(new UnsupportedOperationException("no usage")));

		Health health = new MoonshotHealthIndicator(failing, "api.moonshot.ai", Duration.ofSeconds(1),
				Duration.ofSeconds(30))
			.health()
			.block(Duration.ofSeconds(5));

		assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(health.getDetails()).containsEntry("error", "UnsupportedOperationException");
	}

}
