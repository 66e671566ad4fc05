package dev.moonshot.spring.autoconfigure.retention;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidMoonshotRetentionException} at startup: what to set, and why.
 */
class InvalidMoonshotRetentionFailureAnalyzer extends AbstractFailureAnalyzer<InvalidMoonshotRetentionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidMoonshotRetentionException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
