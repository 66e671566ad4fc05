package dev.moonshot.spring.client;

/**
 * One key that never changes: what {@link MoonshotFilesClient.Builder#apiKey(String)} sets.
 */
final class FixedMoonshotCredentials implements MoonshotCredentials {

	private final String apiKey;

	FixedMoonshotCredentials(String apiKey) {
		this.apiKey = apiKey;
	}

	@Override
	public String apiKey() {
		return this.apiKey;
	}

	@Override
	public String toString() {
		return "MoonshotCredentials[apiKey=******]";
	}

}
