package dev.moonshot.spring.client;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import org.springframework.http.MediaType;

/**
 * The client's own JSON mapper: the provider's format does not depend on how an application configured its mapper
 * (naming strategy, failing on unknown properties, ...), so the client never uses the application's.
 * <p>
 * It reads success bodies strictly: a string where a number or boolean belongs, or a fraction where an integer belongs, fails
 * (naming the field) instead of being coerced into a value the provider never sent. So does a field that is there
 * twice (which of its values the provider meant is unknown) and anything after the value (a body cut and joined to
 * another, a proxy's page appended).
 */
final class MoonshotJson {

	/** Reads success bodies: every field is what the provider documents, or the body is malformed. */
	static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
		.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		// a number or boolean is not a string either (Jackson accepts them for String by default)
		.withCoercionConfig(LogicalType.Textual, (text) -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
			.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
			.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
		.build();

	/**
	 * Reads error bodies, best effort: whatever helps to say what went wrong is taken, a numeric {@code code} as
	 * text included.
	 */
	static final JsonMapper ERROR_MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private MoonshotJson() {
	}

	/**
	 * Whether a response says it is JSON: {@code application/json} or a {@code +json} type.
	 * @param type the response's content type
	 * @return whether its body is read as JSON
	 */
	static boolean isJson(MediaType type) {
		return MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json");
	}

}
