package dev.moonshot.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the Moonshot API is and how to authenticate to it. By default backed by {@link MoonshotProperties}; define a
 * bean of this type to take them from elsewhere (a secrets store, a test fake).
 */
public interface MoonshotConnectionDetails extends ConnectionDetails {

	/**
	 * Base URL of the API, e.g. {@code https://api.moonshot.ai}.
	 * @return the base URL
	 */
	String getBaseUrl();

	/**
	 * API key sent as a Bearer token. Implementations must not print it in {@code toString()}.
	 * @return the key, or {@code null} if none is configured (startup then fails with an explanation)
	 */
	@Nullable String getApiKey();

}
