package dev.moonshot.spring.client;

import java.time.Instant;
import java.util.stream.Stream;

import dev.moonshot.spring.client.model.FileDeleteResponse;
import dev.moonshot.spring.client.model.FileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JacksonException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The wire types decode exactly what the provider sent: a required field that is missing, blank or of the wrong type
 * fails, naming the field, and is never given a default.
 */
class WireTypesTests {

	private static final String FILE = "{\"id\":\"f1\",\"object\":\"file\",\"bytes\":761790,\"created_at\":1700815879,"
			+ "\"filename\":\"xlnet.pdf\",\"purpose\":\"file-extract\",\"status\":\"ok\",\"status_details\":\"\"}";

	@Test
	void aCompleteFileDecodesToItsValues() {
		assertThat(file(FILE).toFileObject()).isEqualTo(new FileObject("f1", "file", 761790,
				Instant.ofEpochSecond(1700815879), "xlnet.pdf", "file-extract", "ok", null));
	}

	static Stream<Arguments> requiredFileFields() {
		return Stream.of("id", "bytes", "created_at", "filename", "purpose", "status").map(Arguments::of);
	}

	@ParameterizedTest
	@MethodSource("requiredFileFields")
	void aFileWithoutARequiredFieldIsMalformed(String field) {
		WireTypes.File file = file(FILE.replaceFirst("\"" + field + "\":(\"[^\"]*\"|\\d+),?", ""));

		assertThatExceptionOfType(WireFormatException.class).isThrownBy(file::toFileObject)
			.withMessageStartingWith("the required field '" + field + "' is missing");
	}

	@Test
	void aBlankIdOrNegativeSizeIsMalformed() {
		assertThatExceptionOfType(WireFormatException.class)
			.isThrownBy(() -> file(FILE.replace("\"f1\"", "\" \"")).toFileObject())
			.withMessage("the required field 'id' is blank");
		assertThatExceptionOfType(WireFormatException.class)
			.isThrownBy(() -> file(FILE.replace("761790", "-1")).toFileObject())
			.withMessage("the required field 'bytes' is negative (-1)");
	}

	static Stream<Arguments> wrongTypes() {
		return Stream.of(Arguments.of("\"bytes\":761790", "\"bytes\":\"761790\""),
				Arguments.of("\"bytes\":761790", "\"bytes\":761790.5"),
				Arguments.of("\"filename\":\"xlnet.pdf\"", "\"filename\":{\"a\":1}"),
				Arguments.of("\"filename\":\"xlnet.pdf\"", "\"filename\":17"));
	}

	@ParameterizedTest
	@MethodSource("wrongTypes")
	void aFieldOfTheWrongTypeFailsNamingIt(String valid, String wrong) {
		String field = valid.substring(1, valid.indexOf('"', 1));

		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> file(FILE.replace(valid, wrong)))
			.satisfies((ex) -> assertThat(ex.getPath()).last()
				.satisfies((reference) -> assertThat(reference.getPropertyName()).isEqualTo(field)));
	}

	@Test
	void aListWithNeitherDataNorItemsIsMalformedNotEmpty() {
		WireTypes.FileList files = list("{\"object\":\"list\",\"files\":[" + FILE + "]}");

		assertThatExceptionOfType(WireFormatException.class).isThrownBy(files::toFileObjects)
			.withMessage("the required field 'data' is missing (nor is there an 'items')");
	}

	@Test
	void theVersionedShapeDecodesToTheSameView() {
		String versioned = "{\"id\":\"file_01h455vb4pex5vsknk084sn02q\",\"filename\":\"a.pdf\",\"mime_type\":"
				+ "\"application/pdf\",\"size_bytes\":5,\"created_at\":\"2026-09-03T10:15:30+02:00\",\"purpose\":"
				+ "\"file-extract\",\"extract_status\":\"error\"}";

		WireTypes.FileList page = list("{\"items\":[" + versioned + "],\"next_page_token\":\"opaque==\"}");

		assertThat(page.toFileObjects()).containsExactly(new FileObject("file_01h455vb4pex5vsknk084sn02q", null, 5,
				Instant.parse("2026-09-03T08:15:30Z"), "a.pdf", "file-extract", "error", null, "application/pdf"));
		assertThat(page.next()).isEqualTo("opaque==");
		assertThat(page.toFileObjects().get(0).processingState()).isEqualTo(FileObject.ProcessingState.FAILED);
		assertThat(list("{\"items\":[],\"next_page_token\":\"\"}").next()).as("blank: the last page").isNull();
	}

	@Test
	void aCreationTimeThatIsNeitherFormIsMalformed() {
		for (String value : new String[] { "\"yesterday\"", "1.5", "{}", "true" }) {
			assertThatExceptionOfType(WireFormatException.class)
				.isThrownBy(() -> file(FILE.replace("1700815879", value)).toFileObject())
				.withMessage("the required field 'created_at' is neither Unix seconds nor an RFC 3339 time");
		}
	}

	@Test
	void aListEntryWithoutAFieldIsNamedByItsIndex() {
		String noCreation = FILE.replace("\"created_at\":1700815879,", "").replace("f1", "f2");

		assertThatExceptionOfType(WireFormatException.class)
			.isThrownBy(() -> list("{\"data\":[" + FILE + "," + noCreation + "]}").toFileObjects())
			.withMessage("the required field 'data[1].created_at' is missing");
		assertThatExceptionOfType(WireFormatException.class)
			.isThrownBy(() -> list("{\"data\":[" + FILE + ",null]}").toFileObjects())
			.withMessage("the required field 'data[1]' is null instead of a file object");
	}

	@Test
	void anEmptyListIsEmpty() {
		assertThat(list("{\"object\":\"list\",\"data\":[]}").toFileObjects()).isEmpty();
	}

	@Test
	void aDeleteAnswerNeedsEveryField() {
		assertThat(deleted("{\"id\":\"f1\",\"object\":\"file\",\"deleted\":false}").toResponse("req-1"))
			.isEqualTo(new FileDeleteResponse("f1", "file", false, "req-1"));
		assertThatExceptionOfType(WireFormatException.class)
			.isThrownBy(() -> deleted("{\"id\":\"f1\",\"object\":\"file\"}").toResponse(null))
			.withMessage("the required field 'deleted' is missing");
		assertThatExceptionOfType(WireFormatException.class)
			.isThrownBy(() -> deleted("{\"object\":\"file\",\"deleted\":true}").toResponse(null))
			.withMessage("the required field 'id' is missing");
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> deleted("{\"id\":\"f1\",\"object\":\"file\",\"deleted\":\"yes\"}"));
	}

	private static WireTypes.File file(String json) {
		return MoonshotJson.MAPPER.readValue(json, WireTypes.File.class);
	}

	private static WireTypes.FileList list(String json) {
		return MoonshotJson.MAPPER.readValue(json, WireTypes.FileList.class);
	}

	private static WireTypes.FileDeleted deleted(String json) {
		return MoonshotJson.MAPPER.readValue(json, WireTypes.FileDeleted.class);
	}

}
