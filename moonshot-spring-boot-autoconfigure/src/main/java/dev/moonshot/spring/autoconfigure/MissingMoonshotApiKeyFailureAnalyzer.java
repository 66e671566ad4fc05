package dev.moonshot.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link MissingMoonshotApiKeyException} at startup.
 */
class MissingMoonshotApiKeyFailureAnalyzer extends AbstractFailureAnalyzer<MissingMoonshotApiKeyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingMoonshotApiKeyException cause) {
		String description = "The Moonshot Files client (MoonshotFilesClient) needs an API key to authenticate to "
				+ "the Moonshot API, but none is configured: the property 'moonshot.api-key' is missing or blank "
				+ "and the environment variable " + ApiKeys.ENVIRONMENT_VARIABLE + " is not set.";
		String action = "Set the environment variable " + ApiKeys.ENVIRONMENT_VARIABLE
				+ " to your key from the Moonshot platform console, or set the property 'moonshot.api-key' (for "
				+ "example in application.yml: moonshot.api-key: ${" + ApiKeys.ENVIRONMENT_VARIABLE + "}). "
				+ "If this application does not use Moonshot, set 'moonshot.enabled=false'.";
		return new FailureAnalysis(description, action, cause);
	}

}
