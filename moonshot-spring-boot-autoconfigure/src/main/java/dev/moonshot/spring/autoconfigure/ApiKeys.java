package dev.moonshot.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * How an API key is shown wherever one could be printed: never, not even in part.
 */
final class ApiKeys {

	/** Environment variable the provider's own docs and SDK examples use. */
	static final String ENVIRONMENT_VARIABLE = "MOONSHOT_API_KEY";

	private ApiKeys() {
	}

	static String mask(@Nullable String apiKey) {
		return (apiKey == null || apiKey.isBlank()) ? "(none)" : "******";
	}

}
