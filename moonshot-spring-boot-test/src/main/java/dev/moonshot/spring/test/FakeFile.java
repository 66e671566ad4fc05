package dev.moonshot.spring.test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A file stored by the {@link MoonshotFakeServer}.
 *
 * @param id the file's id
 * @param filename the name it was uploaded with
 * @param purpose the purpose on the wire, e.g. {@code file-extract}
 * @param bytes its size in bytes
 * @param createdAt when it was uploaded (or seeded)
 * @param content its content; for a {@code file-extract} file also its extracted text (as UTF-8)
 * @param project the project of the organization it belongs to: a versioned list shows only the key's project
 * ({@link MoonshotFakeServer#PROJECT}), a compatible list the whole organization
 */
public record FakeFile(String id, String filename, String purpose, long bytes, Instant createdAt, byte[] content,
		String project) {

	/**
	 * The text the fake returns as the file's extracted content.
	 * @return the content decoded as UTF-8
	 */
	public String text() {
		return new String(this.content, StandardCharsets.UTF_8);
	}

}
