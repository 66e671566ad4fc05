package dev.moonshot.spring.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

		UploadFile file = UploadFile.of(pdf);

		assertThat(file.filename()).isEqualTo("report.pdf");
		assertThat(file.contentType()).isEqualTo(MediaType.APPLICATION_PDF);
		assertThat(file.size()).isEqualTo(3);
	}

	@Test
	void anUnknownExtensionIsOctetStream() {
		UploadFile file = UploadFile.of(named("data.zzz", new byte[] { 1 }));

		assertThat(file.contentType()).isEqualTo(MediaType.APPLICATION_OCTET_STREAM);
	}

	@Test
	void whatCannotBeUploadedSaysWhy() {
		assertThatIllegalArgumentException().isThrownBy(() -> UploadFile.of((Path) null))
			.withMessage("File to upload must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> UploadFile.of(this.dir.resolve("missing.pdf")))
			.withMessageContaining("it does not exist");
		assertThatIllegalArgumentException().isThrownBy(() -> UploadFile.of(named("empty.txt", new byte[0])))
			.withMessageContaining("it is empty (0 bytes)");
		assertThatIllegalArgumentException().isThrownBy(() -> UploadFile.of(new ByteArrayResource(new byte[] { 1 })))
			.withMessageContaining("it has no filename");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> UploadFile.of(new InputStreamResource(new ByteArrayInputStream(new byte[] { 1 }))))
			.withMessageContaining("it can be read only once");
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
