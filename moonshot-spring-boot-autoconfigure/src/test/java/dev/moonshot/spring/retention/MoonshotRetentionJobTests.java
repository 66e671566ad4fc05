package dev.moonshot.spring.retention;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.moonshot.spring.client.MoonshotFilesClient;
import dev.moonshot.spring.client.MoonshotRetrySettings;
import dev.moonshot.spring.client.model.FileScope;
import dev.moonshot.spring.client.retention.MoonshotRetention;
import dev.moonshot.spring.client.retention.RetentionReport;
import dev.moonshot.spring.client.retention.RetentionRule;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.scheduling.support.PeriodicTrigger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class MoonshotRetentionJobTests {

	@RegisterExtension
	static WireMockExtension wiremock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	private final List<RetentionReport> heard = new ArrayList<>();

	private final MoonshotFilesClient client = MoonshotFilesClient.builder()
		.apiKey("sk-job")
		.baseUrl(wiremock.baseUrl())
		.retry(MoonshotRetrySettings.disabled())
		.build();

	private final RetentionRule rule = new RetentionRule(FileScope.filenamePrefix("app-"), Duration.ofDays(7), null,
			10, false);

	private MoonshotRetentionJob job(RetentionLock lock) {
		return new MoonshotRetentionJob(new MoonshotRetention(this.client), this.rule,
				new PeriodicTrigger(Duration.ofHours(1)), Duration.ofSeconds(10), lock, this.observations,
				this.heard::add);
	}

	@Test
	void aRunIsObservedReportedAndKept() {
		wiremock.stubFor(get("/v1/files").willReturn(okJson("{\"data\":[{\"id\":\"f1\",\"object\":\"file\","
				+ "\"bytes\":5,\"created_at\":1,\"filename\":\"app-old.txt\",\"purpose\":\"file-extract\","
				+ "\"status\":\"ok\"}]}")));
		wiremock.stubFor(delete(urlPathMatching("/v1/files/.*"))
			.willReturn(okJson("{\"id\":\"f1\",\"object\":\"file\",\"deleted\":true}")));
		MoonshotRetentionJob job = job(RetentionLock.local());

		RetentionReport report = job.runNow(false).orElseThrow();

		assertThat(report.deleted()).containsExactly("f1");
		assertThat(job.lastReport()).isSameAs(report);
		assertThat(this.heard).containsExactly(report);
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo("moonshot.retention.runs")
			.that()
			.hasLowCardinalityKeyValue("dry_run", "false")
			.hasLowCardinalityKeyValue("outcome", "completed")
			.hasBeenStopped();
	}

	@Test
	void aFailedRunDeletesNothingAndSaysSo() {
		wiremock.stubFor(get("/v1/files").willReturn(aResponse().withStatus(500)));

		assertThatIllegalStateException().isThrownBy(() -> job(RetentionLock.local()).runNow(false))
			.withMessageStartingWith("Moonshot retention run failed");
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo("moonshot.retention.runs")
			.that()
			.hasLowCardinalityKeyValue("outcome", "failed");
		wiremock.verify(0, deleteRequestedFor(anyUrl()));
		assertThat(this.heard).isEmpty();
	}

	@Test
	void aRunWithoutTheLockIsSkippedButADryRunNeedsNone() {
		wiremock.stubFor(get("/v1/files").willReturn(okJson("{\"data\":[]}")));
		RetentionLock held = new RetentionLock() {

			@Override
			public <T> Optional<T> runExclusively(Supplier<T> work, Duration atMost) {
				return Optional.empty();
			}

		};
		MoonshotRetentionJob job = job(held);

		assertThat(job.runNow(false)).isEmpty();
		assertThat(job.runNow(true)).isPresent();
	}

	@Test
	void startSchedulesAndStopCancels() {
		MoonshotRetentionJob job = job(RetentionLock.local());

		job.start();
		assertThat(job.isRunning()).isTrue();
		assertThat(job.nextRun()).isNotNull();
		job.stop();

		assertThat(job.isRunning()).isFalse();
		assertThat(job.nextRun()).isNull();
	}

}
