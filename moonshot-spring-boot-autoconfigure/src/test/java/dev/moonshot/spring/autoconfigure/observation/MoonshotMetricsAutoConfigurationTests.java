package dev.moonshot.spring.autoconfigure.observation;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.moonshot.spring.autoconfigure.MoonshotAutoConfiguration;
import dev.moonshot.spring.client.MoonshotFilesClient;
import dev.moonshot.spring.observation.MoonshotClientMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

class MoonshotMetricsAutoConfigurationTests {

	@RegisterExtension
	static WireMockExtension wiremock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, WebClientAutoConfiguration.class,
				MoonshotAutoConfiguration.class, MoonshotMetricsAutoConfiguration.class))
		.withPropertyValues("moonshot.api-key=k", "moonshot.base-url=" + wiremock.baseUrl());

	/** Through Boot's observation registry, where the metrics are registered as a handler of the client's observations. */
	@Test
	void theClientReportsToTheMetrics() {
		wiremock.stubFor(get("/v1/files").willReturn(okJson("{\"data\":[{\"id\":\"a\",\"object\":\"file\",\"bytes\":5,\"created_at\":1,\"filename\":\"a.pdf\",\"purpose\":\"file-extract\",\"status\":\"ok\"}]}")));
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(MoonshotClientMetrics.class);
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(MoonshotClientMetrics.class).bindTo(registry);

			context.getBean(MoonshotFilesClient.class).list().block();

			assertThat(registry.get("moonshot.files.used").gauge().value()).isEqualTo(1);
		});
	}

	@Test
	void worksWithoutMicrometerCore() {
		wiremock.stubFor(get("/v1/files").willReturn(okJson("{\"data\":[]}")));
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(MoonshotClientMetrics.class);
			assertThat(context.getBean(MoonshotFilesClient.class).list().block()).isEmpty();
		});
	}

	@Test
	void noMetricsWhenTheClientIsDisabled() {
		this.contextRunner.withPropertyValues("moonshot.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MoonshotClientMetrics.class));
	}

}
