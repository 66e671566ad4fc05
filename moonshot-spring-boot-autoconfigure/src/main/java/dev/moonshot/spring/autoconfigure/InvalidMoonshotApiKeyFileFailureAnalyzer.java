package dev.moonshot.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidMoonshotApiKeyFileException} at startup.
 */
class InvalidMoonshotApiKeyFileFailureAnalyzer extends AbstractFailureAnalyzer<InvalidMoonshotApiKeyFileException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidMoonshotApiKeyFileException cause) {
		String description = "The Moonshot Files client (MoonshotFilesClient) reads its API key from the file "
				+ cause.getPath() + " (the property 'moonshot.api-key-file'), but " + cause.getReason() + ".";
		String action = "Make the file readable by this application and put the key from the Moonshot platform "
				+ "console in it (one line), for example by mounting the Kubernetes secret that holds it at that path; "
				+ "or correct 'moonshot.api-key-file', or remove it and set 'moonshot.api-key' or the environment "
				+ "variable " + ApiKeys.ENVIRONMENT_VARIABLE + " instead.";
		return new FailureAnalysis(description, action, cause);
	}

}
