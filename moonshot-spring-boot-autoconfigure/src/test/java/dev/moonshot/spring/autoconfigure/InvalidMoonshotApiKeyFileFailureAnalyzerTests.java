package dev.moonshot.spring.autoconfigure;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

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
class InvalidMoonshotApiKeyFileFailureAnalyzerTests {

	@Test
	void namesTheFileTheReasonAndWhatToDo() {
		Path file = Path.of("/var/run/secrets/moonshot/api-key");
		FailureAnalysis analysis = new InvalidMoonshotApiKeyFileFailureAnalyzer().analyze(
				new IllegalStateException("wrapper", new InvalidMoonshotApiKeyFileException(file, "it is empty")));

		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).isEqualTo("The Moonshot Files client (MoonshotFilesClient) reads its "
				+ "API key from the file /var/run/secrets/moonshot/api-key (the property 'moonshot.api-key-file'), "
				+ "but it is empty.");
		assertThat(analysis.getAction()).contains("mounting the Kubernetes secret")
			.contains("correct 'moonshot.api-key-file'")
			.contains("MOONSHOT_API_KEY");
	}

	@Test
	void isReportedWhenAnApplicationStartsWithAnUnreadableKeyFile(@TempDir Path directory, CapturedOutput output) {
		SpringApplication application = new SpringApplication(KeyFileApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		Path missing = directory.resolve("api-key");

		assertThatException().isThrownBy(
				() -> application.run("--spring.main.banner-mode=off", "--moonshot.api-key-file=" + missing));

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("reads its API key from the file " + missing + " (the property 'moonshot.api-key-file'), but it "
					+ "does not exist.");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ WebClientAutoConfiguration.class, MoonshotAutoConfiguration.class })
	static class KeyFileApplication {

	}

}
