package dev.moonshot.spring.client;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MoonshotBaseUrlTests {

	@ParameterizedTest
	@CsvSource({ "https://api.moonshot.ai, https://api.moonshot.ai", "https://api.moonshot.ai/, https://api.moonshot.ai",
			"https://api.moonshot.ai/v1, https://api.moonshot.ai", "https://api.moonshot.ai/v1/, https://api.moonshot.ai",
			"'  https://api.moonshot.cn/v1  ', https://api.moonshot.cn", "HTTPS://api.moonshot.ai, https://api.moonshot.ai",
			"https://proxy.example:8443/moonshot/v1, https://proxy.example:8443/moonshot",
			"https://proxy.example/v1/v1, https://proxy.example/v1", "http://127.0.0.1:8080, http://127.0.0.1:8080",
			"https://api.moonshot.ai/v10, https://api.moonshot.ai/v10" })
	void normalizes(String configured, String expected) {
		assertThat(MoonshotBaseUrl.normalize(configured)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "api.moonshot.ai|it must start with https://",
			"ftp://api.moonshot.ai|it must start with https://", "https://|it is not a valid URI",
			"https://user:pw@api.moonshot.ai|it must not carry credentials",
			"https://api.moonshot.ai?x=1|it must not have a query or fragment",
			"https://api.moonshot.ai/#top|it must not have a query or fragment", "https://api moonshot.ai|it is not a valid URI",
			"''|it must start with https://" })
	void rejects(String configured, String reason) {
		assertThatIllegalArgumentException().isThrownBy(() -> MoonshotBaseUrl.normalize(configured))
			.withMessageContaining(reason)
			.withMessageContaining("e.g. https://api.moonshot.ai or https://api.moonshot.cn");
	}

}
