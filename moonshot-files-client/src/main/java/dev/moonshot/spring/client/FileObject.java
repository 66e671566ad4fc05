package dev.moonshot.spring.client;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A file stored on the Moonshot platform: the provider's {@code FileObject}.
 * <p>
 * {@code purpose} and {@code status} are kept as the provider sent them, so a value introduced after this client was
 * released still decodes; {@link #knownPurpose()} maps the purpose to {@link FilePurpose} when it is a known one.
 *
 * @param id the file's id, used by every other operation
 * @param object the object type, {@code "file"}
 * @param bytes the file's size in bytes
 * @param createdAt when the file was uploaded ({@code created_at}, Unix seconds on the wire)
 * @param filename the name the file was uploaded with
 * @param purpose the purpose on the wire, e.g. {@code file-extract}
 * @param status the processing status on the wire, e.g. {@code ok}, {@code ready} or {@code error}
 * @param statusDetails the provider's explanation of a failed or unusual status, if any
 */
public record FileObject(String id, String object, long bytes, Instant createdAt, String filename, String purpose,
		String status, @Nullable String statusDetails) {

	/**
	 * The purpose as a {@link FilePurpose}.
	 * @return the purpose, or {@code null} if the provider sent one this client does not know
	 */
	public @Nullable FilePurpose knownPurpose() {
		return FilePurpose.fromValue(this.purpose);
	}

}
