package dev.moonshot.spring.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

@ExtendWith(OutputCaptureExtension.class)
class MissingMoonshotApiKeyFailureAnalyzerTests {

	@Test
	void namesThePropertyAndTheEnvironmentVariable() {
		FailureAnalysis analysis = new MissingMoonshotApiKeyFailureAnalyzer()
			.analyze(new IllegalStateException("wrapper", new MissingMoonshotApiKeyException()));

		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("'moonshot.api-key' is missing or blank")
			.contains("environment variable MOONSHOT_API_KEY is not set");
		assertThat(analysis.getAction()).contains("Set the environment variable MOONSHOT_API_KEY")
			.contains("moonshot.api-key: ${MOONSHOT_API_KEY}")
			.contains("'moonshot.enabled=false'");
	}

	@Test
	void isReportedWhenAnApplicationStartsWithoutAKey(CapturedOutput output) {
		SpringApplication application = new SpringApplication(NoKeyApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);

		assertThatException().isThrownBy(() -> application.run("--spring.main.banner-mode=off"));

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The Moonshot Files client (MoonshotFilesClient) needs an API key")
			.contains("Set the environment variable MOONSHOT_API_KEY");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ WebClientAutoConfiguration.class, MoonshotAutoConfiguration.class })
	static class NoKeyApplication {

	}

}
