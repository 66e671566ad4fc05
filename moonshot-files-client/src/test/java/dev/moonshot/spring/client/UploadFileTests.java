package dev.moonshot.spring.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class UploadFileTests {

	@TempDir
	Path dir;

	@Test
	void aPathGivesItsNameSizeAndType() throws IOException {
		Path pdf = Files.write(this.dir.resolve("report.pdf"), new byte[] { 1, 2, 3 });

		UploadFile file = UploadFile.of(pdf, null);

		assertThat(file.storedName()).isEqualTo("report.pdf");
		assertThat(file.contentType()).isEqualTo(MediaType.APPLICATION_PDF);
		assertThat(file.size()).isEqualTo(3);
	}

	@Test
	void anUnknownExtensionIsOctetStream() {
		UploadFile file = UploadFile.of(named("data.zzz", new byte[] { 1 }), null);

		assertThat(file.contentType()).isEqualTo(MediaType.APPLICATION_OCTET_STREAM);
	}

	@Test
	void whatCannotBeUploadedSaysWhy() {
		assertThatIllegalArgumentException().isThrownBy(() -> UploadFile.of((Path) null, null))
			.withMessage("File to upload must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> UploadFile.of(this.dir.resolve("missing.pdf"), null))
			.withMessageContaining("it does not exist");
		assertThatIllegalArgumentException().isThrownBy(() -> UploadFile.of(named("empty.txt", new byte[0]), null))
			.withMessageContaining("it is empty (0 bytes)");
		assertThatIllegalArgumentException().isThrownBy(() -> UploadFile.of(new ByteArrayResource(new byte[] { 1 }), null))
			.withMessageContaining("it has no filename");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> UploadFile.of(new InputStreamResource(new ByteArrayInputStream(new byte[] { 1 })), null))
			.withMessageContaining("it can be read only once");
	}

	@Test
	void theNameSentIsThePrefixThenTheFilesOwnName() {
		UploadFile file = UploadFile.of(named("report.pdf", new byte[] { 1 }), "app-a-");

		assertThat(file.storedName()).isEqualTo("app-a-report.pdf");
		assertThat(file.contentType()).isEqualTo(MediaType.APPLICATION_PDF);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			0000 | a NUL character (U+0000) at position 4
			0009 | a tab (U+0009) at position 4
			000A | a line feed (U+000A) at position 4
			000D | a carriage return (U+000D) at position 4
			001F | a control character (U+001F) at position 4
			007F | a DEL character (U+007F) at position 4
			0085 | a control character (U+0085) at position 4
			D800 | an unpaired surrogate (U+D800) at position 4
			DC00 | an unpaired surrogate (U+DC00) at position 4
			""")
	void aNameWithAControlCharacterIsRefusedSayingWhichAndWhere(String hex, String what) {
		String name = "evil" + (char) Integer.parseInt(hex, 16) + ".txt";

		assertThat(UploadFile.unsendable(name)).isEqualTo(what);
		assertThatIllegalArgumentException().isThrownBy(() -> UploadFile.of(named(name, new byte[] { 1 }), null))
			.withMessageContaining("has " + what + ". A control character would break the multipart request's "
					+ "headers, so nothing was sent; give the file a name without control characters");
	}

	@Test
	void whereTheCharacterIsCountsThePrefix() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> UploadFile.of(named("a\r\nb.txt", new byte[] { 1 }), "app-"))
			.withMessageContaining("the name it would be stored under, \"app-a\\u000d\\u000ab.txt\", has a carriage "
					+ "return (U+000D) at position 5.");
	}

	@Test
	void quotesBackslashesAndOtherScriptsAreSendable() {
		for (String name : new String[] { "a\"b.txt", "a\\b.txt", "trailing\\", "résumé.pdf", "报告.pdf", "😀.txt" }) {
			assertThat(UploadFile.unsendable(name)).as(name).isNull();
			assertThat(UploadFile.of(named(name, new byte[] { 1 }), null).storedName()).isEqualTo(name);
		}
	}

	private static ByteArrayResource named(String name, byte[] content) {
		return new ByteArrayResource(content) {

			@Override
			public String getFilename() {
				return name;
			}

		};
	}

}
