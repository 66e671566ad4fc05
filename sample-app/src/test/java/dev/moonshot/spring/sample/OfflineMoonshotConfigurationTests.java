package dev.moonshot.spring.sample;

import dev.moonshot.spring.autoconfigure.MoonshotAutoConfiguration;
import dev.moonshot.spring.autoconfigure.MoonshotConnectionDetails;
import dev.moonshot.spring.client.MoonshotFilesClient;
import dev.moonshot.spring.test.MoonshotFakeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class OfflineMoonshotConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, MoonshotAutoConfiguration.class))
		.withUserConfiguration(OfflineMoonshotConfiguration.class);

	@Test
	void withoutAKeyTheClientTalksToASeededFakeAndSaysSo(CapturedOutput output) {
		this.contextRunner.withPropertyValues("moonshot.api-key=", "MOONSHOT_API_KEY=").run((context) -> {
			MoonshotFakeServer fake = context.getBean(MoonshotFakeServer.class);
			assertThat(context.getBean(MoonshotConnectionDetails.class).getBaseUrl()).isEqualTo(fake.baseUrl());
			assertThat(context.getBean(MoonshotFilesClient.class).blocking().list()).hasSize(3);
		});
		assertThat(output).contains("No MOONSHOT_API_KEY is set: the sample runs against an EMBEDDED FAKE");
	}

	@Test
	void withAKeyItStaysOutOfTheWay() {
		this.contextRunner.withPropertyValues("moonshot.api-key=sk-real")
			.run((context) -> assertThat(context).doesNotHaveBean(MoonshotFakeServer.class)
				.doesNotHaveBean("offlineMoonshotConnectionDetails")
				.hasSingleBean(MoonshotFilesClient.class));
	}

}
