package dev.moonshot.spring.autoconfigure.retention;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.moonshot.spring.autoconfigure.MoonshotAutoConfiguration;
import dev.moonshot.spring.client.model.FilePurpose;
import dev.moonshot.spring.client.model.FileScope;
import dev.moonshot.spring.client.retention.RetentionRule;
import dev.moonshot.spring.observation.MoonshotRetentionMetrics;
import dev.moonshot.spring.retention.MoonshotRetentionEndpoint;
import dev.moonshot.spring.retention.MoonshotRetentionJob;
import dev.moonshot.spring.retention.RetentionLock;
import dev.moonshot.spring.retention.ShedLockRetentionLock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.javacrumbs.shedlock.core.LockProvider;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class MoonshotRetentionAutoConfigurationTests {

	@RegisterExtension
	static WireMockExtension wiremock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, MoonshotAutoConfiguration.class,
				MoonshotRetentionAutoConfiguration.class))
		.withPropertyValues("moonshot.api-key=sk-retention", "moonshot.base-url=" + wiremock.baseUrl(),
				"moonshot.retention.initial-delay=1h");

	@Test
	void offUnlessEnabled() {
		this.contextRunner.withPropertyValues("moonshot.scope.filename-prefix=app-")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MoonshotRetentionJob.class));
	}

	@Test
	void theRuleComesFromTheScopeAndRetentionProperties() {
		this.contextRunner
			.withPropertyValues("moonshot.retention.enabled=true", "moonshot.scope.filename-prefix=app-",
					"moonshot.scope.purposes=file-extract,batch", "moonshot.retention.max-age=7d",
					"moonshot.retention.max-quota-share=0.8", "moonshot.retention.max-deletions=50",
					"moonshot.retention.dry-run=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(MoonshotRetentionJob.class).doesNotHaveBean(RetentionLock.class);
				assertThat(context.getBean(MoonshotRetentionJob.class).rule()).isEqualTo(new RetentionRule(
						new FileScope("app-", Set.of(FilePurpose.FILE_EXTRACT, FilePurpose.BATCH), false),
						Duration.ofDays(7), 0.8, 50, true));
				assertThat(context.getBean(MoonshotRetentionJob.class).nextRun()).as("scheduled on start").isNotNull();
			});
	}

	@Test
	void withoutAScopeTheJobRefusesToStartAndSaysWhatToSet() {
		this.contextRunner.withPropertyValues("moonshot.retention.enabled=true", "moonshot.retention.max-age=7d")
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				InvalidMoonshotRetentionException cause = findCause(failure);
				FailureAnalysis analysis = new InvalidMoonshotRetentionFailureAnalyzer().analyze(failure);
				assertThat(analysis.getDescription()).contains("nothing says which files are this application's")
					.contains("would also delete other applications' files");
				assertThat(analysis.getAction()).contains("moonshot.scope.filename-prefix")
					.contains("moonshot.api-version")
					.contains("moonshot.retention.everything=true");
				assertThat(cause).isNotNull();
			});
	}

	@Test
	void anApiVersionOrAnExplicitEverythingIsAScope() {
		this.contextRunner
			.withPropertyValues("moonshot.retention.enabled=true", "moonshot.retention.max-age=7d",
					"moonshot.api-version=2026-09-01-beta")
			.run((context) -> assertThat(context.getBean(MoonshotRetentionJob.class).rule().scope())
				.isEqualTo(FileScope.everything()));
		this.contextRunner
			.withPropertyValues("moonshot.retention.enabled=true", "moonshot.retention.max-age=7d",
					"moonshot.retention.everything=true")
			.run((context) -> assertThat(context.getBean(MoonshotRetentionJob.class).rule().scope())
				.isEqualTo(FileScope.everything()));
	}

	@Test
	void aRuleThatWouldDeleteNothingIsRefused() {
		this.contextRunner.withPropertyValues("moonshot.retention.enabled=true", "moonshot.scope.filename-prefix=app-")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new InvalidMoonshotRetentionFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("needs a maximum age or a quota share");
				assertThat(analysis.getAction()).contains("moonshot.retention.max-age");
			});
	}

	@Test
	void withALockProviderRunsTakeTheShedLockLock() {
		this.contextRunner
			.withPropertyValues("moonshot.retention.enabled=true", "moonshot.scope.filename-prefix=app-",
					"moonshot.retention.max-age=7d")
			.withBean(LockProvider.class, () -> mock(LockProvider.class))
			.run((context) -> assertThat(context).getBean(RetentionLock.class)
				.isInstanceOf(ShedLockRetentionLock.class));
	}

	@Test
	void theEndpointIsThereWhenExposed() {
		ApplicationContextRunner withEndpoints = this.contextRunner
			.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class))
			.withPropertyValues("moonshot.retention.enabled=true", "moonshot.scope.filename-prefix=app-",
					"moonshot.retention.max-age=7d");
		withEndpoints.run((context) -> assertThat(context).doesNotHaveBean(MoonshotRetentionEndpoint.class));
		withEndpoints.withPropertyValues("management.endpoints.web.exposure.include=moonshotretention")
			.run((context) -> assertThat(context).hasSingleBean(MoonshotRetentionEndpoint.class));
	}

	@Test
	void theEndpointShowsTheRuleTheLastReportAndRunsDryByDefault() {
		wiremock.stubFor(get("/v1/files").willReturn(okJson("{\"data\":[{\"id\":\"f1\",\"object\":\"file\","
				+ "\"bytes\":5,\"created_at\":1,\"filename\":\"app-old.txt\",\"purpose\":\"file-extract\","
				+ "\"status\":\"ok\"},{\"id\":\"f2\",\"object\":\"file\",\"bytes\":5,\"created_at\":1,"
				+ "\"filename\":\"other.txt\",\"purpose\":\"file-extract\",\"status\":\"ok\"}]}")));
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class))
			.withPropertyValues("moonshot.retention.enabled=true", "moonshot.scope.filename-prefix=app-",
					"moonshot.retention.max-age=7d", "management.endpoints.web.exposure.include=moonshotretention")
			.run((context) -> {
				MoonshotRetentionEndpoint endpoint = context.getBean(MoonshotRetentionEndpoint.class);
				context.getBean(MoonshotRetentionMetrics.class).bindTo(meters);

				java.util.Map<String, Object> dryRun = endpoint.run(null);

				assertThat(dryRun).containsEntry("dryRun", true)
					.containsEntry("deleted", java.util.List.of())
					.extractingByKey("wouldDelete")
					.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
					.singleElement()
					.satisfies((file) -> assertThat(((java.util.Map<?, ?>) file).get("id")).isEqualTo("f1"));
				assertThat(endpoint.retention()).containsKeys("rule", "nextRun", "lastReport")
					.extractingByKey("rule")
					.isEqualTo(java.util.Map.of("scope", "filenames starting with \"app-\"", "maxAge", "PT168H",
							"maxDeletions", 100, "dryRun", false));
				assertThat(meters.get("moonshot.retention.selected").counter().count()).isEqualTo(1);
				wiremock.verify(0, com.github.tomakehurst.wiremock.client.WireMock
					.deleteRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
			});
	}

	@Test
	void closingTheContextEndsARunInProgressAtOnce() throws Exception {
		wiremock.stubFor(get("/v1/files").willReturn(okJson("{\"data\":[]}").withFixedDelay(20_000)));
		CompletableFuture<Object> run = new CompletableFuture<>();
		this.contextRunner
			.withPropertyValues("moonshot.retention.enabled=true", "moonshot.scope.filename-prefix=app-",
					"moonshot.retention.max-age=7d", "moonshot.retention.deadline=1m")
			.run((context) -> {
				MoonshotRetentionJob job = context.getBean(MoonshotRetentionJob.class);
				CompletableFuture.runAsync(() -> {
					try {
						run.complete(job.runNow(false));
					}
					catch (RuntimeException ex) {
						run.completeExceptionally(ex);
					}
				});
				Awaitility.await()
					.atMost(Duration.ofSeconds(5))
					.until(() -> !wiremock.findAll(getRequestedFor(urlPathEqualTo("/v1/files"))).isEmpty());
			});

		// the context is closed: the run ends long before its one-minute deadline or the provider's 20 s answer
		assertThat(run).failsWithin(5, TimeUnit.SECONDS)
			.withThrowableOfType(ExecutionException.class)
			.withMessageContaining("the application is shutting down");
	}

	private static InvalidMoonshotRetentionException findCause(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidMoonshotRetentionException invalid) {
				return invalid;
			}
		}
		return null;
	}

}
