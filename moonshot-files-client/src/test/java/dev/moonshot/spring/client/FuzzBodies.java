package dev.moonshot.spring.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.moonshot.spring.client.model.FileObject;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

/**
 * Generated response bodies for the fuzz tests: valid ones with the values they must decode to, and mutations of
 * them that must be rejected, each built so that the expected outcome is known by construction (not by a second
 * decoder). A JSON body is built as a map, mutated as a map where the mutation is about structure (a field missing,
 * of the wrong type, duplicated, too deep, a number too big) and as bytes where it is about encoding (invalid UTF-8,
 * truncation, trailing bytes, random bytes).
 */
final class FuzzBodies {

	/** Writes the generated maps; {@link RawValue}s go out as they are (huge numbers, deep nesting). */
	private static final JsonMapper WRITER = JsonMapper.builder().build();

	/** Stands in a string for bytes that are not UTF-8; the generated text never holds {@code @}. */
	static final String INVALID_UTF8_MARK = "@@INVALID@@";

	/** Byte sequences that no UTF-8 decoder may accept, each followed by ASCII. */
	private static final byte[][] INVALID_UTF8 = { { (byte) 0x80 }, { (byte) 0xBF }, { (byte) 0xFE }, { (byte) 0xFF },
			{ (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 }, { (byte) 0xC3, 'a' },
			{ (byte) 0xE2, (byte) 0x82, 'a' }, { (byte) 0xF0, (byte) 0x9F, (byte) 0x98, 'a' } };

	/** Numbers no field of the client can hold: beyond a long, fractions, beyond what a parser may read. */
	private static final String[] HUGE_NUMBERS = { "9223372036854775808", "-9223372036854775809",
			"1000000000000000000000000000000", "1e400", "-1e400", "1.0e10", "1.5", "1" + "0".repeat(1500) };

	/** Media types a JSON body may not arrive with. */
	static final String[] NOT_JSON_TYPES = { "text/html", "text/plain", "application/octet-stream", "application/xml",
			"image/png" };

	/** Content-Type values that are not media types at all, or name a charset nobody has. */
	static final String[] BROKEN_TYPES = { "application/json; charset=no-such-charset", "application/json; charset=",
			"garbage", "application/", "/json", "text/plain; charset=\"unterminated" };

	private static final String[] PURPOSES = { "file-extract", "assistants", "batch", "image", "video" };

	private static final String[] STATUSES = { "ok", "error", "processing", "ready", "pending", "failed" };

	private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss[.SSSSSSSSS]XXX");

	/** Earliest and latest instants a generated time takes: years 1 to 9999. */
	private static final long MIN_SECOND = -62135596800L;

	private static final long MAX_SECOND = 253402300799L;

	private FuzzBodies() {
	}

	// ---- values

	/** Text with what JSON must escape, multi-byte characters and characters outside the BMP. */
	static String text(Random random, int maxLength) {
		int length = random.nextInt(10) == 0 ? random.nextInt(maxLength + 1) : random.nextInt(Math.min(maxLength, 24) + 1);
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(character(random));
		}
		return text.toString();
	}

	private static final String ASCII = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.,:;/+=!?#$%&*()[]{}<>|'`~^";

	private static final String SPECIAL = "\"\\/\n\r\t\b\f\u0000\u001f\u007f";

	private static final String WIDE = "éßøñЖж中文字ファイル\u2028\u2029\uFEFF\uFFFD€";

	private static final String[] ASTRAL = { "\uD83D\uDE00", "\uD834\uDD1E", "\uD83D\uDCC4", "\uD840\uDC00" };

	private static String character(Random random) {
		int kind = random.nextInt(10);
		if (kind < 6) {
			return String.valueOf(ASCII.charAt(random.nextInt(ASCII.length())));
		}
		if (kind < 7) {
			return String.valueOf(SPECIAL.charAt(random.nextInt(SPECIAL.length())));
		}
		if (kind < 9) {
			return String.valueOf(WIDE.charAt(random.nextInt(WIDE.length())));
		}
		return ASTRAL[random.nextInt(ASTRAL.length)];
	}

	/** Text that is not blank: it starts with a letter. */
	static String nonBlank(Random random, int maxLength) {
		return (char) ('a' + random.nextInt(26)) + text(random, maxLength);
	}

	static <T> T pick(Random random, T[] values) {
		return values[random.nextInt(values.length)];
	}

	static String oneOf(Random random, String[] known) {
		return random.nextInt(4) == 0 ? nonBlank(random, 16) : pick(random, known);
	}

	static long size(Random random) {
		return switch (random.nextInt(4)) {
			case 0 -> random.nextInt(1024);
			case 1 -> random.nextInt(Integer.MAX_VALUE);
			case 2 -> Long.MAX_VALUE;
			default -> random.nextLong() & Long.MAX_VALUE;
		};
	}

	static long epochSecond(Random random) {
		return switch (random.nextInt(3)) {
			case 0 -> 1_600_000_000L + random.nextInt(400_000_000);
			case 1 -> random.nextInt(Integer.MAX_VALUE);
			default -> MIN_SECOND + (long) (random.nextDouble() * (MAX_SECOND - MIN_SECOND));
		};
	}

	/** An instant with a random fraction, in RFC 3339 with a random offset (or Z). */
	static Instant instant(Random random) {
		return Instant.ofEpochSecond(epochSecond(random), random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
	}

	static String rfc3339(Instant instant, Random random) {
		ZoneOffset offset = random.nextBoolean() ? ZoneOffset.UTC
				: ZoneOffset.ofTotalSeconds((random.nextInt(18 * 4 * 2 + 1) - 18 * 4) * 15 * 60);
		return RFC_3339.format(instant.atOffset(offset));
	}

	/** A JSON value of any kind, nested at most {@code depth} deep: what an unknown field may carry. */
	static Object anyValue(Random random, int depth) {
		int kind = random.nextInt(depth > 0 ? 8 : 6);
		return switch (kind) {
			case 0 -> text(random, 40);
			case 1 -> random.nextLong();
			case 2 -> random.nextDouble();
			case 3 -> random.nextBoolean();
			case 4 -> new RawValue("null");
			case 5 -> random.nextInt();
			case 6 -> {
				List<Object> list = new ArrayList<>();
				for (int i = random.nextInt(4); i > 0; i--) {
					list.add(anyValue(random, depth - 1));
				}
				yield list;
			}
			default -> {
				Map<String, Object> map = new LinkedHashMap<>();
				for (int i = random.nextInt(4); i > 0; i--) {
					map.put("x" + text(random, 8), anyValue(random, depth - 1));
				}
				yield map;
			}
		};
	}

	/** Nesting of the given depth, as raw JSON: arrays or objects. */
	static RawValue nesting(Random random, int depth) {
		boolean arrays = random.nextBoolean();
		StringBuilder json = new StringBuilder(depth * (arrays ? 2 : 6));
		json.append((arrays ? "[" : "{\"a\":").repeat(depth));
		json.append(arrays ? "" : "1");
		json.append((arrays ? "]" : "}").repeat(depth));
		return new RawValue(json.toString());
	}

	static RawValue hugeNumber(Random random) {
		return new RawValue(pick(random, HUGE_NUMBERS));
	}

	// ---- JSON objects and their mutations

	/** What a field holds, for the mutations that give it a wrong value. */
	enum Kind {

		TEXT, NUMBER, TIME, BOOLEAN, LIST

	}

	/**
	 * A field of a schema.
	 * @param name its name
	 * @param kind what it holds
	 * @param required whether a body without it (or with {@code null}) must be rejected
	 */
	record Field(String name, Kind kind, boolean required) {

	}

	/**
	 * Values of the wrong kind for a field: a mapper that coerced any of them would guess a value the provider did
	 * not send.
	 */
	static Object wrongValue(Kind kind, Random random) {
		List<Object> wrong = new ArrayList<>(List.of(Map.of("k", "v")));
		if (kind != Kind.LIST) {
			wrong.addAll(List.of(List.of(), new RawValue("[1,2]")));
		}
		switch (kind) {
			case TEXT -> wrong.addAll(List.of(random.nextInt(), random.nextDouble(), random.nextBoolean(),
					new RawValue("1e400"), new RawValue("0")));
			case NUMBER -> wrong.addAll(List.of(String.valueOf(random.nextInt(1000)), "12", "", 1.5, 2.0,
					random.nextBoolean(), new RawValue("1.0")));
			// beyond the times an Instant holds, though a long holds them
			case TIME -> wrong.addAll(List.of(new RawValue("9223372036854775807"), new RawValue("-9223372036854775808"),
					new RawValue("31556889864403200"), 1.5, 1.6E9, random.nextBoolean(), "yesterday", "",
					"2026-13-01T00:00:00Z", "2026-12-02", "2026-12-02T10:15:30", "1733000000"));
			case BOOLEAN -> wrong.addAll(List.of("true", "false", 1, 0, "", 1.0));
			case LIST -> wrong.addAll(List.of("[]", 1, true, Map.of()));
		}
		return wrong.get(random.nextInt(wrong.size()));
	}

	/** The mutations of a JSON object; each makes a body that must be rejected. */
	enum Mutation {

		/** A required field is missing. */
		REMOVE_REQUIRED,

		/** A required field is {@code null}. */
		NULL_REQUIRED,

		/** A known field holds a value of the wrong kind. */
		WRONG_TYPE,

		/** A numeric field holds a number no long holds, or a fraction. */
		HUGE_NUMBER,

		/** A known field holds nesting, or an unknown one holds nesting deeper than a parser may go. */
		DEEP_NESTING,

		/** A known field is there twice, with different values: which one the provider meant is unknown. */
		DUPLICATE_FIELD,

		/** A text field holds bytes that are not UTF-8. */
		INVALID_UTF8,

		/** The body ends before the object does. */
		TRUNCATED,

		/** The object is followed by more bytes. */
		TRAILING_BYTES,

		/** The body is random bytes. */
		RANDOM_BYTES,

		/** The body is JSON, but not an object. */
		NOT_AN_OBJECT,

		/** The body is valid, but says it is not JSON. */
		NOT_JSON_TYPE,

		/** The Content-Type cannot be read. */
		BROKEN_TYPE

	}

	/**
	 * A body to answer with.
	 * @param contentType its Content-Type
	 * @param bytes the body
	 * @param mutation what was done to a valid body, {@code null} for a valid one
	 */
	record Body(String contentType, byte[] bytes, @Nullable String mutation) {

		boolean valid() {
			return this.mutation == null;
		}

		@Override
		public String toString() {
			String text = new String(this.bytes, StandardCharsets.UTF_8);
			return "Body[" + ((this.mutation != null) ? this.mutation : "valid") + ", " + this.contentType + ", "
					+ this.bytes.length + " bytes: " + ((text.length() > 300) ? text.substring(0, 300) + "..." : text)
					+ "]";
		}

	}

	/** Serialize a map as the provider would, with no mutation. */
	static byte[] json(Object value) {
		return WRITER.writeValueAsBytes(value);
	}

	/**
	 * Add unknown fields (which the client must ignore), then shuffle the order of the fields.
	 * @param fields the known fields
	 * @param random the source
	 * @return a new map
	 */
	static Map<String, Object> withNoise(Map<String, Object> fields, Random random) {
		List<Map.Entry<String, Object>> entries = new ArrayList<>(fields.entrySet());
		for (int i = random.nextInt(3); i > 0; i--) {
			Object value = random.nextInt(20) == 0 ? nesting(random, 1 + random.nextInt(200)) : anyValue(random, 3);
			entries.add(Map.entry("unknown_" + i + text(random, 6).replace("\"", ""), value));
		}
		Collections.shuffle(entries, random);
		Map<String, Object> shuffled = new LinkedHashMap<>();
		for (Map.Entry<String, Object> entry : entries) {
			shuffled.put(entry.getKey(), entry.getValue());
		}
		return shuffled;
	}

	/**
	 * A mutation of a valid object, applied where it makes sense for the schema, that must be rejected.
	 * @param object the valid object (not changed)
	 * @param schema its fields, all present in it unless optional
	 * @param mutation what to do
	 * @param random the source
	 * @return the body
	 */
	static Body mutate(Map<String, Object> object, List<Field> schema, Mutation mutation, Random random) {
		Map<String, Object> changed = new LinkedHashMap<>(object);
		List<Field> present = schema.stream().filter((field) -> object.get(field.name()) != null).toList();
		List<Field> required = present.stream().filter(Field::required).toList();
		String json = "application/json";
		return switch (mutation) {
			case REMOVE_REQUIRED -> {
				Field field = pick(random, required.toArray(Field[]::new));
				changed.remove(field.name());
				yield new Body(json, json(changed), mutation + " " + field.name());
			}
			case NULL_REQUIRED -> {
				Field field = pick(random, required.toArray(Field[]::new));
				changed.put(field.name(), new RawValue("null"));
				yield new Body(json, json(changed), mutation + " " + field.name());
			}
			case WRONG_TYPE -> {
				Field field = pick(random, present.toArray(Field[]::new));
				changed.put(field.name(), wrongValue(field.kind(), random));
				yield new Body(json, json(changed), mutation + " " + field.name());
			}
			case HUGE_NUMBER -> {
				Field[] numbers = present.stream()
					.filter((field) -> field.kind() == Kind.NUMBER || field.kind() == Kind.TIME)
					.toArray(Field[]::new);
				if (numbers.length == 0) {
					yield mutate(object, schema, Mutation.WRONG_TYPE, random);
				}
				Field field = pick(random, numbers);
				changed.put(field.name(), hugeNumber(random));
				yield new Body(json, json(changed), mutation + " " + field.name());
			}
			case DEEP_NESTING -> {
				int depth = pick(random, new Integer[] { 1001, 1500, 5000, 100_000 });
				boolean known = random.nextBoolean();
				String name = known ? pick(random, present.toArray(Field[]::new)).name() : "unknown_deep";
				// any nesting where a known field belongs is wrong; an unknown field is rejected only past the limit
				changed.put(name, nesting(random, known ? 2 + random.nextInt(3) : depth));
				yield new Body(json, json(changed), mutation + " " + name);
			}
			case DUPLICATE_FIELD -> {
				Field field = pick(random, present.toArray(Field[]::new));
				String body = new String(json(changed), StandardCharsets.UTF_8);
				String again = "\"" + field.name() + "\":" + new String(json(otherValue(field, random)),
						StandardCharsets.UTF_8) + ",";
				yield new Body(json, ("{" + again + body.substring(1)).getBytes(StandardCharsets.UTF_8),
						mutation + " " + field.name());
			}
			case INVALID_UTF8 -> {
				Field[] texts = present.stream().filter((field) -> field.kind() == Kind.TEXT).toArray(Field[]::new);
				if (texts.length == 0) {
					yield mutate(object, schema, Mutation.WRONG_TYPE, random);
				}
				Field field = pick(random, texts);
				changed.put(field.name(), text(random, 8).replace("@", "") + INVALID_UTF8_MARK);
				yield new Body(json, withInvalidUtf8(json(changed), random), mutation + " " + field.name());
			}
			default -> mutateBytes(json(object), json, mutation, random);
		};
	}

	/** A value of the right kind that differs from any generated one. */
	private static Object otherValue(Field field, Random random) {
		return switch (field.kind()) {
			case TEXT -> "other-" + nonBlank(random, 8);
			case NUMBER -> 7L;
			case TIME -> 86_400L;
			case BOOLEAN -> random.nextBoolean();
			case LIST -> List.of();
		};
	}

	/**
	 * The mutations that work on the bytes of any valid JSON object body.
	 * @param valid the valid body
	 * @param contentType its content type
	 * @param mutation one of the byte-level mutations
	 * @param random the source
	 * @return the body
	 */
	static Body mutateBytes(byte[] valid, String contentType, Mutation mutation, Random random) {
		return switch (mutation) {
			case TRUNCATED -> {
				int length = 1 + random.nextInt(valid.length - 1);
				byte[] cut = new byte[length];
				System.arraycopy(valid, 0, cut, 0, length);
				yield new Body(contentType, cut, mutation + " at " + length);
			}
			case TRAILING_BYTES -> {
				String tail = pick(random, new String[] { "}", "x", "{}", "[]", ",", "1", "null", "\"a\"",
						new String(valid, StandardCharsets.UTF_8) });
				yield new Body(contentType, concat(valid, (random.nextBoolean() ? " " : "") + tail), mutation + " "
						+ tail.length());
			}
			case RANDOM_BYTES -> new Body(contentType, randomBytes(random), mutation.name());
			case NOT_AN_OBJECT -> {
				String body = pick(random, new String[] { "[]", "null", "true", "42", "\"text\"", "[{}]",
						"[" + new String(valid, StandardCharsets.UTF_8) + "]", "-0", "1e5" });
				yield new Body(contentType, body.getBytes(StandardCharsets.UTF_8), mutation + " " + body);
			}
			case NOT_JSON_TYPE -> {
				String type = pick(random, NOT_JSON_TYPES);
				yield new Body(type, valid, mutation + " " + type);
			}
			case BROKEN_TYPE -> {
				String type = pick(random, BROKEN_TYPES);
				yield new Body(type, valid, mutation + " " + type);
			}
			default -> throw new IllegalArgumentException(mutation + " is not a byte-level mutation");
		};
	}

	/** Random bytes, never only whitespace (that is an empty body) and never starting as valid JSON could. */
	static byte[] randomBytes(Random random) {
		byte[] bytes = new byte[1 + random.nextInt(256)];
		random.nextBytes(bytes);
		// a first byte that no JSON value starts with, and no whitespace: the body cannot be valid by chance
		bytes[0] = (byte) (int) pick(random, new Integer[] { 0x00, 0x01, 0x7F, 0x80, 0xC0, 0xFF, (int) '<', (int) '}',
				(int) ']', (int) ':', (int) ',', (int) 'x' });
		return bytes;
	}

	static byte[] withInvalidUtf8(byte[] body, Random random) {
		byte[] mark = INVALID_UTF8_MARK.getBytes(StandardCharsets.US_ASCII);
		int at = indexOf(body, mark);
		if (at < 0) {
			throw new IllegalStateException("no mark in the body");
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 8);
		out.write(body, 0, at);
		out.writeBytes(pick(random, INVALID_UTF8));
		out.writeBytes("z".getBytes(StandardCharsets.US_ASCII));
		out.write(body, at + mark.length, body.length - at - mark.length);
		return out.toByteArray();
	}

	/** One of the invalid sequences, for text bodies. */
	static byte[] invalidUtf8(Random random) {
		return pick(random, INVALID_UTF8);
	}

	private static int indexOf(byte[] body, byte[] part) {
		outer: for (int i = 0; i <= body.length - part.length; i++) {
			for (int j = 0; j < part.length; j++) {
				if (body[i + j] != part[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	static byte[] concat(byte[] body, String tail) {
		byte[] more = tail.getBytes(StandardCharsets.UTF_8);
		byte[] all = new byte[body.length + more.length];
		System.arraycopy(body, 0, all, 0, body.length);
		System.arraycopy(more, 0, all, body.length, more.length);
		return all;
	}

	// ---- the provider's objects

	/** The fields of a file object, as the mutations see them (the pairs of alternatives are each one field). */
	static List<Field> fileSchema(Map<String, Object> file) {
		List<Field> fields = new ArrayList<>(List.of(new Field("id", Kind.TEXT, true),
				new Field("filename", Kind.TEXT, true), new Field("purpose", Kind.TEXT, true),
				new Field("created_at", Kind.TIME, true), new Field("object", Kind.TEXT, false),
				new Field("status_details", Kind.TEXT, false), new Field("mime_type", Kind.TEXT, false)));
		fields.add(new Field(file.containsKey("bytes") ? "bytes" : "size_bytes", Kind.NUMBER, true));
		fields.add(new Field(file.containsKey("status") ? "status" : "extract_status", Kind.TEXT, true));
		return fields;
	}

	/**
	 * A file object in one API's shape, with what it must decode to.
	 * @param json the object
	 * @param expected the file it describes
	 */
	record FileCase(Map<String, Object> json, FileObject expected) {

	}

	static FileCase file(Random random, boolean versioned) {
		Map<String, Object> json = new LinkedHashMap<>();
		String id = nonBlank(random, 40);
		String filename = text(random, 60);
		String purpose = oneOf(random, PURPOSES);
		String status = oneOf(random, STATUSES);
		long bytes = size(random);
		json.put("id", id);
		json.put("filename", filename);
		json.put("purpose", purpose);
		Instant created;
		String object = null;
		String details = null;
		String mimeType = null;
		if (versioned) {
			created = instant(random);
			json.put("size_bytes", bytes);
			json.put("created_at", rfc3339(created, random));
			json.put("extract_status", status);
			if (random.nextBoolean()) {
				mimeType = pick(random, new String[] { "application/pdf", "text/plain", "image/png" });
				json.put("mime_type", mimeType);
			}
		}
		else {
			created = Instant.ofEpochSecond(epochSecond(random));
			object = random.nextInt(8) == 0 ? nonBlank(random, 8) : "file";
			json.put("object", object);
			json.put("bytes", bytes);
			json.put("created_at", created.getEpochSecond());
			json.put("status", status);
			switch (random.nextInt(3)) {
				case 0 -> json.put("status_details", "");
				case 1 -> {
					details = nonBlank(random, 60);
					json.put("status_details", details);
				}
				default -> {
				}
			}
		}
		return new FileCase(withNoise(json, random),
				new FileObject(id, object, bytes, created, filename, purpose, status, details, mimeType));
	}

}
