package dev.moonshot.spring.client;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;

/**
 * The text of a content response, by what the response says it is: text as it is ({@code text/plain}, as the
 * compatible API and every SDK example have it), or the text field of a JSON object (the versioned API's "JSON
 * object carrying the parsed Markdown", whose field's name is not documented). Anything else is malformed, and so
 * are bytes that are not of the text's charset (UTF-8 unless it names one) or, for JSON, not UTF-8.
 */
final class ExtractedText {

	/** Fields that carry the text, in the order they are looked for. */
	private static final String[] TEXT_FIELDS = { "content", "markdown", "text", "parsed_markdown" };

	private ExtractedText() {
	}

	/**
	 * @param contentType the response's content type, if it named one (none is read as UTF-8 text)
	 * @param body the body's bytes
	 * @return the extracted text
	 * @throws UnreadableContentException if the response is neither, or its bytes are not in its charset
	 */
	static String of(@Nullable MediaType contentType, byte[] body) {
		Charset declared = (contentType != null) ? contentType.getCharset() : null;
		if (contentType == null || isText(contentType)) {
			return decode(body, (declared != null) ? declared : StandardCharsets.UTF_8);
		}
		if (!MoonshotJson.isJson(contentType)) {
			throw new UnreadableContentException("Content-Type " + contentType, lenient(body, declared));
		}
		JsonNode json;
		try {
			// JSON is parsed from its bytes (RFC 8259: UTF-8); the parser rejects bytes that are not
			json = MoonshotJson.MAPPER.readTree(body);
		}
		catch (JacksonException ex) {
			throw new UnreadableContentException("a JSON body that does not parse", lenient(body, declared));
		}
		if (json == null || !json.isObject()) {
			throw new UnreadableContentException("JSON that is not an object", lenient(body, declared));
		}
		for (String field : TEXT_FIELDS) {
			JsonNode text = json.get(field);
			if (text != null && text.isString()) {
				return text.asString();
			}
		}
		String only = onlyTextField(json);
		if (only == null) {
			throw new UnreadableContentException("a JSON object without a text field", lenient(body, declared));
		}
		return only;
	}

	/**
	 * The text, or an exception if a byte is not of the charset: a replacement character in place of what the
	 * provider sent would be text it never extracted.
	 */
	private static String decode(byte[] body, Charset charset) {
		try {
			return charset.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new UnreadableContentException("text that is not valid " + charset.name(), lenient(body, charset));
		}
	}

	/** The body as text for a message, whatever its bytes. */
	private static String lenient(byte[] body, @Nullable Charset charset) {
		return new String(body, (charset != null) ? charset : StandardCharsets.UTF_8);
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

}
