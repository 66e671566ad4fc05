package dev.moonshot.spring.client;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.moonshot.spring.client.exception.MoonshotRateLimitException;
import dev.moonshot.spring.client.exception.MoonshotTimeoutException;
import dev.moonshot.spring.client.model.FileDeletionReport;
import dev.moonshot.spring.client.model.FileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A {@code Retry-After} that one call hears holds back every call of the client until it passes: no stampede of
 * calls that each find the limit out for themselves. {@code X-RateLimit-Remaining: 0} holds them back until the next
 * request is due, and a bulk deletion paces itself by the stated {@code X-RateLimit-Limit}.
 */
class DefaultMoonshotFilesClientSharedWaitTests {

	private static final String LIMITED = "{\"error\":{\"message\":\"max RPM\",\"type\":\"rate_limit_reached_error\"}}";

	@RegisterExtension
	static WireMockExtension wiremock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private MoonshotFilesClient client(Duration callTimeout) {
		return MoonshotFilesClient.builder()
			.apiKey("sk-shared-wait")
			.baseUrl(wiremock.baseUrl())
			.callTimeout(callTimeout)
			.retry(MoonshotRetrySettings.defaults().withJitter(0))
			.build();
	}

	@Test
	void theOtherCallsWaitTooInsteadOfEachHittingTheLimit() {
		wiremock.stubFor(get(urlPathEqualTo("/v1/files/first")).inScenario("limit")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody(LIMITED))
			.willSetStateTo("passed"));
		wiremock.stubFor(get(urlPathEqualTo("/v1/files/first")).inScenario("limit")
			.whenScenarioStateIs("passed")
			.willReturn(okJson(DefaultMoonshotFilesClientVersionedApiTests.VERSIONED_FILE)));
		wiremock.stubFor(get(urlPathEqualTo("/v1/files/other")).willReturn(
				okJson(DefaultMoonshotFilesClientVersionedApiTests.VERSIONED_FILE)));
		// no retries: what holds the other calls back is the shared wait alone
		MoonshotFilesClient client = client(Duration.ofSeconds(30)).mutate()
			.retry(MoonshotRetrySettings.disabled())
			.build();

		assertThatExceptionOfType(MoonshotRateLimitException.class).isThrownBy(() -> client.retrieve("first").block());
		List<FileObject> others = Flux.range(0, 5).flatMap((i) -> client.retrieve("other")).collectList().block();

		assertThat(others).hasSize(5);
		List<ServeEvent> served = wiremock.getAllServeEvents()
			.stream()
			.sorted(Comparator.comparing((ServeEvent event) -> event.getRequest().getLoggedDate()))
			.toList();
		long limitedAt = served.get(0).getRequest().getLoggedDate().getTime();
		assertThat(served.get(0).getResponse().getStatus()).isEqualTo(429);
		assertThat(served.subList(1, served.size())).as("the five others").hasSize(5)
			.allSatisfy((event) -> assertThat(event.getRequest().getLoggedDate().getTime() - limitedAt)
				.as("sent after the Retry-After passed").isGreaterThanOrEqualTo(950));
	}

	@Test
	void aCallWhoseDeadlineComesFirstFailsAtOnceWithoutSendingAnything() {
		wiremock.stubFor(get("/v1/files/first").willReturn(aResponse().withStatus(429)
			.withHeader("Retry-After", "5")
			.withBody(LIMITED)));
		wiremock.stubFor(get("/v1/files/other")
			.willReturn(okJson(DefaultMoonshotFilesClientVersionedApiTests.VERSIONED_FILE)));
		MoonshotFilesClient client = client(Duration.ofSeconds(2));

		assertThatExceptionOfType(MoonshotRateLimitException.class).isThrownBy(() -> client.retrieve("first").block());
		wiremock.resetRequests();

		assertThatExceptionOfType(MoonshotTimeoutException.class).isThrownBy(() -> client.retrieve("other").block())
			.satisfies((ex) -> {
				assertThat(ex.getTimeoutType()).isEqualTo(MoonshotTimeoutException.TimeoutType.CALL);
				assertThat(ex.getMessage()).contains("was not sent: the provider asked this client to wait");
			});
		wiremock.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void anEmptyBucketHoldsTheOtherCallsUntilTheNextRequestIsDueAtTheStatedLimit() {
		// 600 a minute: the next request is due in 100 ms, long before the bucket is full again (30 s)
		long gap = millisBetweenAnEmptyBucketAndTheNextRequest("X-RateLimit-Limit", "600", "X-RateLimit-Reset", "30");
		assertThat(gap).isBetween(95L, 5_000L);
	}

	@Test
	void anEmptyBucketWithoutAStatedLimitHoldsTheOtherCallsUntilItsReset() {
		assertThat(millisBetweenAnEmptyBucketAndTheNextRequest("X-RateLimit-Reset", "1")).isGreaterThanOrEqualTo(950L);
	}

	/** One answer with {@code X-RateLimit-Remaining: 0} and the given headers, then the next call. */
	private long millisBetweenAnEmptyBucketAndTheNextRequest(String... headers) {
		var first = okJson(DefaultMoonshotFilesClientVersionedApiTests.VERSIONED_FILE).withHeader("X-RateLimit-Remaining",
				"0");
		for (int i = 0; i < headers.length; i += 2) {
			first = first.withHeader(headers[i], headers[i + 1]);
		}
		wiremock.stubFor(get("/v1/files/first").willReturn(first));
		wiremock.stubFor(get("/v1/files/other")
			.willReturn(okJson(DefaultMoonshotFilesClientVersionedApiTests.VERSIONED_FILE)));
		MoonshotFilesClient client = client(Duration.ofSeconds(30));

		client.retrieve("first").block(Duration.ofSeconds(5));
		client.retrieve("other").block(Duration.ofSeconds(5));

		List<ServeEvent> served = servedInOrder();
		assertThat(served).hasSize(2);
		return gapMillis(served.get(0), served.get(1));
	}

	@Test
	void aBulkDeletionPacesItselfAtTheStatedLimitOnceTheProviderStatesIt() {
		// 1,200 a minute is one request every 50 ms; a bucket at its fullest lets the rate grow, never above that
		wiremock.stubFor(delete(urlPathMatching("/v1/files/.*")).willReturn(aResponse().withStatus(204)
			.withHeader("X-RateLimit-Limit", "1200")
			.withHeader("X-RateLimit-Remaining", "9")
			.withHeader("X-RateLimit-Reset", "1")));
		MoonshotFilesClient client = client(Duration.ofSeconds(30)).mutate().apiVersion(MoonshotApiVersion.V2026_09_01_BETA)
			.build();
		List<String> ids = java.util.stream.IntStream.range(0, 10).mapToObj((i) -> "file-" + i).toList();

		FileDeletionReport report = client.deleteAll(ids).block(Duration.ofSeconds(10));

		assertThat(report.deleted()).hasSize(10);
		List<ServeEvent> served = servedInOrder();
		// the first call runs alone and its answer states the limit; the nine others are paced at one per 50 ms.
		// The server's clock stamps each arrival, so one gap may look shorter than the pace, never the whole span.
		assertThat(served).hasSize(10);
		assertThat(gapMillis(served.get(1), served.get(9))).as("nine requests at one per 50 ms")
			.isGreaterThanOrEqualTo(8 * 50 - 40);
	}

	private static List<ServeEvent> servedInOrder() {
		return wiremock.getAllServeEvents()
			.stream()
			.sorted(Comparator.comparing((ServeEvent event) -> event.getRequest().getLoggedDate()))
			.toList();
	}

	private static long gapMillis(ServeEvent first, ServeEvent second) {
		return second.getRequest().getLoggedDate().getTime() - first.getRequest().getLoggedDate().getTime();
	}

}
