package dev.moonshot.spring.autoconfigure;

import java.util.Locale;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the Moonshot API key wherever Actuator shows configuration: {@code moonshot.api-key} in {@code /env} and
 * {@code /configprops} (as {@code moonshot.apiKey}), in any relaxed form, and the {@code MOONSHOT_API_KEY}
 * environment variable. It applies even when an operator sets {@code show-values=always}.
 */
class MoonshotApiKeySanitizingFunction implements SanitizingFunction {

	@Override
	public SanitizableData apply(SanitizableData data) {
		String key = data.getKey().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
		boolean apiKey = key.equals("moonshot.apikey") || key.equals("moonshotapikey");
		return (apiKey && data.getValue() != null) ? data.withSanitizedValue() : data;
	}

}
