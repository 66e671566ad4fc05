package dev.moonshot.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * {@link MoonshotConnectionDetails} from {@link MoonshotProperties}, falling back to the {@code MOONSHOT_API_KEY}
 * environment variable (the name the provider documents) when {@code moonshot.api-key} is not set. Relaxed binding
 * alone would not find that name: it maps {@code MOONSHOT_API_KEY} to {@code moonshot.api.key}.
 */
final class PropertiesMoonshotConnectionDetails implements MoonshotConnectionDetails {

	private static final String API_KEY = "moonshot.api-key";

	private final MoonshotProperties properties;

	private final Environment environment;

	PropertiesMoonshotConnectionDetails(MoonshotProperties properties, Environment environment) {
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public String getBaseUrl() {
		return this.properties.getBaseUrl();
	}

	@Override
	public @Nullable String getApiKey() {
		return orEnvironmentVariable(this.properties.getApiKey());
	}

	/**
	 * The key as the environment gives it now, bound anew rather than read from the properties bean: when the
	 * environment changes, Spring Cloud rebinds that bean in a listener of the same event, maybe after ours.
	 * @return the key, or {@code null} if none is configured
	 */
	@Nullable String getCurrentApiKey() {
		return orEnvironmentVariable(Binder.get(this.environment).bind(API_KEY, String.class).orElse(null));
	}

	private @Nullable String orEnvironmentVariable(@Nullable String apiKey) {
		return StringUtils.hasText(apiKey) ? apiKey : this.environment.getProperty(ApiKeys.ENVIRONMENT_VARIABLE);
	}

	@Override
	public String toString() {
		return "PropertiesMoonshotConnectionDetails[baseUrl=" + getBaseUrl() + ", apiKey=" + ApiKeys.mask(getApiKey())
				+ "]";
	}

}
