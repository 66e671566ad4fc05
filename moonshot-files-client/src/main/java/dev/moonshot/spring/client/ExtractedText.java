package dev.moonshot.spring.client;

import java.util.Iterator;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;

/**
 * The text of a content response, by what the response says it is: text as it is ({@code text/plain}, as the
 * compatible API and every SDK example have it), or the text field of a JSON object (the versioned API's "JSON
 * object carrying the parsed Markdown", whose field's name is not documented). Anything else is malformed.
 */
final class ExtractedText {

	/** Fields that carry the text, in the order they are looked for. */
	private static final String[] TEXT_FIELDS = { "content", "markdown", "text", "parsed_markdown" };

	private ExtractedText() {
	}

	/**
	 * @param contentType the response's content type, if it named one (none is read as text)
	 * @param body the body as text
	 * @return the extracted text
	 * @throws UnreadableContentException if the response is neither
	 */
	static String of(@Nullable MediaType contentType, String body) {
		if (contentType == null || isText(contentType)) {
			return body;
		}
		if (!isJson(contentType)) {
			throw new UnreadableContentException("Content-Type " + contentType, body);
		}
		JsonNode json;
		try {
			json = MoonshotJson.MAPPER.readTree(body);
		}
		catch (JacksonException ex) {
			throw new UnreadableContentException("a JSON body that does not parse", body);
		}
		if (json == null || !json.isObject()) {
			throw new UnreadableContentException("JSON that is not an object", body);
		}
		for (String field : TEXT_FIELDS) {
			JsonNode text = json.get(field);
			if (text != null && text.isString()) {
				return text.asString();
			}
		}
		String only = onlyTextField(json);
		if (only == null) {
			throw new UnreadableContentException("a JSON object without a text field", body);
		}
		return only;
	}

	private static @Nullable String onlyTextField(JsonNode json) {
		String found = null;
		Iterator<Map.Entry<String, JsonNode>> fields = json.properties().iterator();
		while (fields.hasNext()) {
			JsonNode value = fields.next().getValue();
			if (value.isString()) {
				if (found != null) {
					return null;
				}
				found = value.asString();
			}
		}
		return found;
	}

	private static boolean isText(MediaType type) {
		return type.getType().equals("text") && !type.getSubtype().equals("html");
	}

	private static boolean isJson(MediaType type) {
		return MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json");
	}

}
