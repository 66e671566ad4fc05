package dev.moonshot.spring.autoconfigure;

import dev.moonshot.spring.client.MoonshotCredentials;
import dev.moonshot.spring.client.model.ApiKeyInUse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * The key of the application's configuration ({@code moonshot.api-key} or {@code MOONSHOT_API_KEY}), replaced when the
 * environment changes (Spring Cloud's refresh): the client uses the new key from its next attempt on.
 */
final class RefreshableMoonshotCredentials implements MoonshotCredentials {

	private static final Log logger = LogFactory.getLog(RefreshableMoonshotCredentials.class);

	private volatile String apiKey;

	RefreshableMoonshotCredentials(String apiKey) {
		this.apiKey = apiKey;
	}

	@Override
	public String apiKey() {
		return this.apiKey;
	}

	/**
	 * Use the key the configuration has now.
	 * @param apiKey the key; a missing one leaves the current key in use
	 */
	void refresh(@Nullable String apiKey) {
		if (!StringUtils.hasText(apiKey)) {
			logger.warn("The environment changed and gives no Moonshot API key; the key with fingerprint "
					+ ApiKeyInUse.fingerprintOf(this.apiKey.strip()) + " stays in use");
			return;
		}
		if (!apiKey.equals(this.apiKey)) {
			this.apiKey = apiKey;
		}
	}

	@Override
	public String toString() {
		return "RefreshableMoonshotCredentials[apiKey=******]";
	}

}
