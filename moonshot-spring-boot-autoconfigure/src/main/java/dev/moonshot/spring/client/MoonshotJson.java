package dev.moonshot.spring.client;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client's own JSON mapper: the provider's format does not depend on how an application configured its mapper
 * (naming strategy, failing on unknown properties, ...), so the client never uses the application's.
 */
final class MoonshotJson {

	static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private MoonshotJson() {
	}

}
