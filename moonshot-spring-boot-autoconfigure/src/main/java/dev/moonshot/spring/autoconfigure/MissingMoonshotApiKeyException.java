package dev.moonshot.spring.autoconfigure;

/**
 * Startup failed because the Moonshot Files client is enabled but no API key is configured. A failure analyzer
 * explains which property or environment variable to set.
 */
public class MissingMoonshotApiKeyException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 */
	public MissingMoonshotApiKeyException() {
		super("No Moonshot API key is configured: set moonshot.api-key or the " + ApiKeys.ENVIRONMENT_VARIABLE
				+ " environment variable, or moonshot.enabled=false");
	}

}
