package dev.moonshot.spring.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import dev.moonshot.spring.client.CannedConnector.Answer;
import dev.moonshot.spring.client.FuzzBodies.Body;
import dev.moonshot.spring.client.FuzzBodies.Field;
import dev.moonshot.spring.client.FuzzBodies.FileCase;
import dev.moonshot.spring.client.FuzzBodies.Kind;
import dev.moonshot.spring.client.FuzzBodies.Mutation;
import dev.moonshot.spring.client.exception.MoonshotMalformedResponseException;
import dev.moonshot.spring.client.model.FileDeleteResponse;
import dev.moonshot.spring.client.model.FileObject;
import dev.moonshot.spring.client.model.FilePurpose;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.util.RawValue;

import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every success decoder of the client, fed generated bodies through its own codecs (no network, the body in chunks
 * of random sizes): a valid body decodes to exactly its values; a mutated one (a field missing, of the wrong type or
 * twice, a number too big, nesting too deep, bytes that are not UTF-8, truncated, trailing bytes, random bytes, the
 * wrong Content-Type) ends in {@link MoonshotMalformedResponseException}, never in another exception, never in a
 * value guessed for what the body did not say.
 * <p>
 * Each target is a Jazzer {@link FuzzTest} whose input drives the generators' decisions ({@link FuzzRandom}); every
 * build runs it on the inputs committed under {@code ResponseDecoderFuzzTestsInputs/<target>/} (Jazzer's regression
 * mode) and on {@value FuzzCases#CASES} generated inputs ({@link FuzzCases}), and checks that every kind of mutation
 * was tried. A raw-bytes target per decoder answers with the fuzzer's bytes as they are: a value or a
 * {@link MoonshotMalformedResponseException}, nothing else. With {@code JAZZER_FUZZ=1} the targets fuzz, guided by
 * coverage ({@code fuzz.sh}).
 */
class ResponseDecoderFuzzTests {

	/** What the current build-time run counts; the fuzzing runs count into a throwaway one. */
	private static volatile MutationCounts counts = new MutationCounts();

	static final String KEY = "sk-fuzz-0123456789abcdefghijklmnopqrstuvwxyz";

	static final String FILE_ID = "file-fuzz";

	/** No decoder may take this long; a hang fails the try instead of the build. */
	static final Duration NO_HANG = Duration.ofSeconds(10);

	static final CannedConnector connector = new CannedConnector();

	static final MoonshotFilesClient compatible = connector.client(KEY, null, MoonshotRetrySettings.disabled());

	static final MoonshotFilesClient versioned = connector.client(KEY, MoonshotApiVersion.V2026_09_01_BETA,
			MoonshotRetrySettings.disabled());

	// ---- file objects: retrieve and upload

	@FuzzTest
	void fileObjects(byte[] input) {
		fileObjects(new FuzzRandom(input));
	}

	private static void fileObjects(Random random) {
		boolean isVersioned = random.nextBoolean();
		FileCase file = FuzzBodies.file(random, isVersioned);
		Body body = random.nextInt(3) == 0 ? new Body("application/json", FuzzBodies.json(file.json()), null)
				: FuzzBodies.mutate(file.json(), FuzzBodies.fileSchema(file.json()), FuzzBodies.pick(random, Mutation.values()),
						random);
		connector.answer((uri) -> Answer.of(200, body.contentType(), body.bytes()), random);
		MoonshotFilesClient client = isVersioned ? versioned : compatible;
		Mono<FileObject> call = random.nextBoolean() ? client.retrieve(FILE_ID)
				: client.upload(new NamedResource("fuzz.txt"), FilePurpose.FILE_EXTRACT);
		expect(call, body, file.expected());
	}

	// ---- delete

	@FuzzTest
	void deletes(byte[] input) {
		deletes(new FuzzRandom(input));
	}

	private static void deletes(Random random) {
		boolean isVersioned = random.nextBoolean();
		String requestId = random.nextBoolean() ? "req-" + random.nextInt(1000) : null;
		if (isVersioned && random.nextBoolean()) {
			// the versioned API's answer: 204, no body; the request id is the header's, if any
			Answer noContent = Answer.of(204, null, new byte[0]);
			connector.answer((uri) -> (requestId != null) ? noContent.withHeader("Msh-Request-Id", requestId)
					: noContent, random);
			expect(versioned.delete(FILE_ID), null, new FileDeleteResponse(FILE_ID, "file", true, requestId));
			return;
		}
		String id = FuzzBodies.nonBlank(random, 40);
		String object = random.nextInt(4) == 0 ? FuzzBodies.nonBlank(random, 8) : "file";
		boolean deleted = random.nextInt(8) != 0;
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", id);
		json.put("object", object);
		json.put("deleted", deleted);
		json = FuzzBodies.withNoise(json, random);
		List<Field> schema = List.of(new Field("id", Kind.TEXT, true), new Field("object", Kind.TEXT, true),
				new Field("deleted", Kind.BOOLEAN, true));
		Body body = random.nextInt(3) == 0 ? new Body("application/json", FuzzBodies.json(json), null)
				: FuzzBodies.mutate(json, schema, FuzzBodies.pick(random, Mutation.values()), random);
		Answer answer = Answer.of(200, body.contentType(), body.bytes());
		connector.answer((uri) -> (requestId != null) ? answer.withHeader("Msh-Request-Id", requestId) : answer,
				random);
		expect((isVersioned ? versioned : compatible).delete(FILE_ID), body,
				new FileDeleteResponse(id, object, deleted, requestId));
	}

	// ---- list, page by page

	@FuzzTest
	void listPages(byte[] input) {
		listPages(new FuzzRandom(input));
	}

	private static void listPages(Random random) {
		boolean isVersioned = random.nextBoolean();
		List<Map<String, Object>> entries = new ArrayList<>();
		List<FileObject> expected = new ArrayList<>();
		for (int i = random.nextInt(6); i > 0; i--) {
			FileCase file = FuzzBodies.file(random, isVersioned);
			entries.add(file.json());
			expected.add(file.expected());
		}
		Map<String, Object> page = new LinkedHashMap<>();
		page.put(isVersioned ? "items" : "data", entries);
		String token = switch (random.nextInt(5)) {
			case 0 -> null;
			case 1 -> FuzzBodies.pick(random, new String[] { "", " ", "\t" });
			default -> FuzzBodies.nonBlank(random, 30);
		};
		if (token != null || random.nextBoolean()) {
			page.put("next_page_token", (token != null) ? token : new RawValue("null"));
		}
		if (!isVersioned) {
			page.put("object", "list");
		}
		page = FuzzBodies.withNoise(page, random);
		// the versioned client asks for the next page of a token that is not blank; the compatible one never does
		boolean nextPage = isVersioned && token != null && !token.isBlank();
		FileCase last = FuzzBodies.file(random, true);
		byte[] lastPage = FuzzBodies.json(Map.of("items", List.of(last.json())));
		if (nextPage) {
			expected.add(last.expected());
		}
		Body body = random.nextInt(3) == 0 ? new Body("application/json", FuzzBodies.json(page), null)
				: mutateList(page, isVersioned ? "items" : "data", entries, random);
		connector.answer((uri) -> (uri.getRawQuery() != null && uri.getRawQuery().contains("page_token="))
				? Answer.of(200, "application/json", lastPage) : Answer.of(200, body.contentType(), body.bytes()),
				random);
		expect((isVersioned ? versioned : compatible).list(), body, expected);
		if (body.valid()) {
			List<String> requests = connector.requests();
			assertThat(requests).hasSize(nextPage ? 2 : 1);
			assertThat(requests.get(0)).isEqualTo(isVersioned ? "GET /v1/files?page_size=1000" : "GET /v1/files");
			if (nextPage) {
				String query = requests.get(1).substring(requests.get(1).indexOf('?') + 1);
				assertThat(query).startsWith("page_size=1000&page_token=");
				assertThat(UriUtils.decode(query.substring("page_size=1000&page_token=".length()),
						StandardCharsets.UTF_8))
					.as("the token goes back exactly as it came")
					.isEqualTo(token);
			}
		}
	}

	/** A mutation of the page itself, or of one of its files. */
	private static Body mutateList(Map<String, Object> page, String field, List<Map<String, Object>> entries,
			Random random) {
		List<Field> schema = new ArrayList<>(List.of(new Field(field, Kind.LIST, true)));
		if (page.get("next_page_token") != null) {
			schema.add(new Field("next_page_token", Kind.TEXT, false));
		}
		int choice = random.nextInt(4);
		if (entries.isEmpty() || choice == 0) {
			return FuzzBodies.mutate(page, schema, FuzzBodies.pick(random, Mutation.values()), random);
		}
		int index = random.nextInt(entries.size());
		List<Object> changed = new ArrayList<>(entries);
		Map<String, Object> changedPage = new LinkedHashMap<>(page);
		changedPage.put(field, changed);
		if (choice == 1) {
			changed.set(index, FuzzBodies.pick(random, new Object[] { new RawValue("null"), "file", 1, List.of() }));
			return new Body("application/json", FuzzBodies.json(changedPage), "entry " + index + " not an object");
		}
		Map<String, Object> entry = entries.get(index);
		if (choice == 2) {
			Field text = FuzzBodies.pick(random, FuzzBodies.fileSchema(entry)
				.stream()
				.filter((candidate) -> candidate.required() && candidate.kind() == Kind.TEXT)
				.toArray(Field[]::new));
			Map<String, Object> invalid = new LinkedHashMap<>(entry);
			invalid.put(text.name(), "x" + FuzzBodies.INVALID_UTF8_MARK);
			changed.set(index, invalid);
			return new Body("application/json", FuzzBodies.withInvalidUtf8(FuzzBodies.json(changedPage), random),
					"entry " + index + " INVALID_UTF8 " + text.name());
		}
		Mutation mutation = FuzzBodies.pick(random, new Mutation[] { Mutation.REMOVE_REQUIRED, Mutation.NULL_REQUIRED,
				Mutation.WRONG_TYPE, Mutation.HUGE_NUMBER, Mutation.DEEP_NESTING, Mutation.DUPLICATE_FIELD });
		Body mutated = FuzzBodies.mutate(entry, FuzzBodies.fileSchema(entry), mutation, random);
		changed.set(index, new RawValue(new String(mutated.bytes(), StandardCharsets.UTF_8)));
		return new Body("application/json", FuzzBodies.json(changedPage), "entry " + index + " " + mutated.mutation());
	}

	// ---- content

	@FuzzTest
	void contents(byte[] input) {
		contents(new FuzzRandom(input));
	}

	private static void contents(Random random) {
		String text = FuzzBodies.text(random, 2000);
		ContentCase content = contentCase(text, random);
		connector.answer((uri) -> Answer.of(200, content.body().contentType(), content.body().bytes()), random);
		expect((random.nextBoolean() ? versioned : compatible).content(FILE_ID), content.body(), content.expected());
	}

	record ContentCase(Body body, @Nullable String expected) {

	}

	private static ContentCase contentCase(String text, Random random) {
		byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
		switch (random.nextInt(12)) {
			case 0 -> {
				String type = FuzzBodies.pick(random, new String[] { "text/plain", "text/plain;charset=UTF-8",
						"text/markdown; charset=utf-8", "text/csv" });
				return new ContentCase(new Body(type, utf8, null), text);
			}
			case 1 -> {
				// a charset of its own: the text is read in it
				String latin = text.chars()
					.map((c) -> (c < 256) ? c : '?')
					.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
					.toString();
				return new ContentCase(new Body("text/plain; charset=ISO-8859-1",
						latin.getBytes(StandardCharsets.ISO_8859_1), null), latin);
			}
			case 2 -> {
				String field = FuzzBodies.pick(random, new String[] { "content", "markdown", "text", "parsed_markdown" });
				Map<String, Object> json = new LinkedHashMap<>();
				json.put(field, text);
				json.put("page_count", random.nextInt(100));
				return new ContentCase(new Body(random.nextBoolean() ? "application/json" : "application/vnd.kimi+json",
						FuzzBodies.json(FuzzBodies.withNoise(json, random)), null), text);
			}
			case 3 -> {
				// the only text field, under a name nobody documented
				Map<String, Object> json = new LinkedHashMap<>();
				json.put("body", text);
				json.put("pages", random.nextInt(100));
				json.put("parsed", random.nextBoolean());
				return new ContentCase(new Body("application/json", FuzzBodies.json(json), null), text);
			}
			case 4 -> {
				byte[] invalid = FuzzBodies.concat(FuzzBodies.invalidUtf8(random), text);
				// cut between characters: a sequence cut short and then completed by the invalid bytes is valid
				int cut = (text.length() > 0) ? random.nextInt(text.length()) : 0;
				if (cut > 0 && Character.isLowSurrogate(text.charAt(cut))) {
					cut--;
				}
				byte[] start = text.substring(0, cut).getBytes(StandardCharsets.UTF_8);
				return rejected(new Body("text/plain; charset=utf-8", join(start, invalid), "text INVALID_UTF8"));
			}
			case 5 -> {
				String type = FuzzBodies.pick(random, new String[] { "text/html", "application/octet-stream",
						"application/pdf", "image/png" });
				return rejected(new Body(type, utf8, "NOT_TEXT_TYPE " + type));
			}
			case 6 -> {
				String type = FuzzBodies.pick(random, FuzzBodies.BROKEN_TYPES);
				return rejected(new Body(type, utf8, "BROKEN_TYPE " + type));
			}
			case 7 -> {
				String json = FuzzBodies.pick(random, new String[] { "{}", "{\"pages\":3}", "{\"a\":\"x\",\"b\":\"y\"}",
						"[\"text\"]", "\"text\"", "null", "", "{\"content\":null}", "{\"content\":{\"text\":\"x\"}}" });
				return rejected(new Body("application/json", json.getBytes(StandardCharsets.UTF_8),
						"JSON without text " + json));
			}
			default -> {
				Map<String, Object> json = new LinkedHashMap<>();
				json.put("content", text);
				List<Field> schema = List.of(new Field("content", Kind.TEXT, true));
				Mutation mutation = FuzzBodies.pick(random, new Mutation[] { Mutation.DEEP_NESTING,
						Mutation.DUPLICATE_FIELD, Mutation.INVALID_UTF8, Mutation.TRUNCATED, Mutation.TRAILING_BYTES,
						Mutation.RANDOM_BYTES, Mutation.NOT_AN_OBJECT });
				return rejected(FuzzBodies.mutate(json, schema, mutation, random));
			}
		}
	}

	private static ContentCase rejected(Body body) {
		return new ContentCase(body, null);
	}

	private static byte[] join(byte[] first, byte[] second) {
		byte[] all = new byte[first.length + second.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(second, 0, all, first.length, second.length);
		return all;
	}

	// ---- the outcome

	/**
	 * A valid body ({@code null} means a valid answer without one) must give exactly the expected value; any other
	 * must end in {@link MoonshotMalformedResponseException}, within {@link #NO_HANG}, without the key in it.
	 */
	private static void expect(Mono<?> call, @Nullable Body body, @Nullable Object expected) {
		counts.record(body);
		Object value;
		try {
			value = call.block(NO_HANG);
		}
		catch (RuntimeException failure) {
			if (body != null && !body.valid()) {
				assertThat(failure).as("%s", body).isExactlyInstanceOf(MoonshotMalformedResponseException.class);
				SecretAssertions.assertKeyNotQuotedIn(failure, KEY);
				return;
			}
			throw new AssertionError("a valid answer failed: " + body, failure);
		}
		assertThat(body == null || body.valid()).as("a mutated body was accepted as %s: %s", value, body).isTrue();
		assertThat(value).as("%s", body).isEqualTo(expected);
	}

	// ---- every build: the generated cases, every kind of mutation tried

	@Test
	void fileObjectsDecodeToExactlyTheirValuesOrAreRejected() {
		runGenerated("fileObjects", ResponseDecoderFuzzTests::fileObjects, EnumSet.allOf(Mutation.class));
	}

	@Test
	void deleteAnswersDecodeToExactlyTheirValuesOrAreRejected() {
		// a delete answer has no number to make too big
		runGenerated("deletes", ResponseDecoderFuzzTests::deletes, EnumSet.complementOf(EnumSet.of(Mutation.HUGE_NUMBER)));
	}

	@Test
	void listPagesDecodeToExactlyTheirFilesOrAreRejected() {
		runGenerated("listPages", ResponseDecoderFuzzTests::listPages, EnumSet.allOf(Mutation.class));
	}

	@Test
	void contentBodiesDecodeToExactlyTheirTextOrAreRejected() {
		runGenerated("contents", ResponseDecoderFuzzTests::contents,
				EnumSet.of(Mutation.DEEP_NESTING, Mutation.DUPLICATE_FIELD, Mutation.INVALID_UTF8, Mutation.TRUNCATED,
						Mutation.TRAILING_BYTES, Mutation.RANDOM_BYTES, Mutation.NOT_AN_OBJECT, Mutation.BROKEN_TYPE));
	}

	private static void runGenerated(String target, java.util.function.Consumer<Random> cases, Set<Mutation> kinds) {
		counts = new MutationCounts();
		FuzzCases.run(ResponseDecoderFuzzTests.class, target, (input) -> cases.accept(new FuzzRandom(input)));
		counts.assertEveryKindRan(kinds);
	}

	// ---- raw bytes: whatever the network sends, a value or a malformed-response exception

	@FuzzTest
	void fileObjectsRawBytes(byte[] body) {
		raw(body, compatible.retrieve(FILE_ID));
	}

	@FuzzTest
	void deletesRawBytes(byte[] body) {
		raw(body, compatible.delete(FILE_ID));
	}

	@FuzzTest
	void listPagesRawBytes(byte[] body) {
		raw(body, versioned.list());
	}

	@FuzzTest
	void compatibleListsRawBytes(byte[] body) {
		raw(body, compatible.list());
	}

	@FuzzTest
	void contentsRawBytes(byte[] body) {
		raw(body, compatible.content(FILE_ID));
	}

	/** The body as JSON: decoded, or rejected as malformed, within {@link #NO_HANG}, without the key. */
	private static void raw(byte[] body, Mono<?> call) {
		// a next page, if the body names one, is empty
		connector.answer((uri) -> (uri.getRawQuery() != null && uri.getRawQuery().contains("page_token="))
				? Answer.of(200, "application/json", "{\"items\":[]}".getBytes(StandardCharsets.UTF_8))
				: Answer.of(200, "application/json", body), new Random(body.length));
		try {
			assertThat(call.block(NO_HANG)).isNotNull();
		}
		catch (MoonshotMalformedResponseException ex) {
			SecretAssertions.assertKeyNotQuotedIn(ex, KEY);
		}
	}

}
