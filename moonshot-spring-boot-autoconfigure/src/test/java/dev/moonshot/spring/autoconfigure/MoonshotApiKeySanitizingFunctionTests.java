package dev.moonshot.spring.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizableData;

import static org.assertj.core.api.Assertions.assertThat;

class MoonshotApiKeySanitizingFunctionTests {

	private final MoonshotApiKeySanitizingFunction function = new MoonshotApiKeySanitizingFunction();

	@Test
	void masksEveryFormOfTheKey() {
		for (String key : new String[] { "moonshot.api-key", "moonshot.apiKey", "MOONSHOT_API_KEY", "moonshot.api_key",
				"MOONSHOT_APIKEY" }) {
			assertThat(this.function.apply(new SanitizableData(null, key, "sk-secret")).getValue()).as(key)
				.isEqualTo(SanitizableData.SANITIZED_VALUE);
		}
	}

	@Test
	void leavesEverythingElse() {
		for (String key : new String[] { "moonshot.base-url", "spring.application.name", "other.api-key" }) {
			assertThat(this.function.apply(new SanitizableData(null, key, "value")).getValue()).as(key)
				.isEqualTo("value");
		}
	}

}
