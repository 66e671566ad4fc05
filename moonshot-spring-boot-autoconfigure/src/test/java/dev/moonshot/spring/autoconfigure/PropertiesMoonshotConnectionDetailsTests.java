package dev.moonshot.spring.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class PropertiesMoonshotConnectionDetailsTests {

	private final MoonshotProperties properties = new MoonshotProperties();

	private final StandardEnvironment environment = new StandardEnvironment();

	@Test
	void keyFromProperties() {
		this.properties.setApiKey("sk-prop");

		assertThat(details().getApiKey()).isEqualTo("sk-prop");
	}

	@Test
	void keyFromTheEnvironmentVariableWhenThePropertyIsBlank() {
		this.properties.setApiKey(" ");
		this.environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("env", Map.of("MOONSHOT_API_KEY", "sk-env")));

		assertThat(details().getApiKey()).isEqualTo("sk-env");
	}

	@Test
	void noKeyAnywhere() {
		this.environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);

		assertThat(details().getApiKey()).isNull();
	}

	@Test
	void baseUrlFromProperties() {
		this.properties.setBaseUrl("https://api.moonshot.cn/v1");

		assertThat(details().getBaseUrl()).isEqualTo("https://api.moonshot.cn/v1");
	}

	@Test
	void toStringMasksTheKey() {
		this.properties.setApiKey("sk-secret-value");

		assertThat(details().toString()).doesNotContain("sk-secret-value")
			.isEqualTo("PropertiesMoonshotConnectionDetails[baseUrl=https://api.moonshot.ai, apiKey=******]");
	}

	private PropertiesMoonshotConnectionDetails details() {
		return new PropertiesMoonshotConnectionDetails(this.properties, this.environment);
	}

}
