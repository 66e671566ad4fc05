package dev.moonshot.spring.client.model;

import java.time.Instant;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A file stored on the Moonshot platform: one view of the provider's {@code FileObject} in both of its shapes, the
 * compatible one ({@code bytes}, Unix-seconds {@code created_at}, {@code status}) and the versioned one
 * ({@code size_bytes}, RFC 3339 {@code created_at}, {@code extract_status}, {@code mime_type}).
 * <p>
 * {@code purpose} and {@code status} are kept as the provider sent them, so a value introduced after this client was
 * released still decodes; {@link #knownPurpose()} and {@link #processingState()} map them to what this client knows.
 *
 * @param id the file's id, used by every other operation (an opaque string)
 * @param object the object type, {@code "file"}; {@code null} from the versioned API, which does not send it
 * @param bytes the file's size in bytes
 * @param createdAt when the file was uploaded
 * @param filename the name the file was stored under (the versioned API may add a de-duplication suffix)
 * @param purpose the purpose on the wire, e.g. {@code file-extract}
 * @param status the processing status on the wire: {@code status} (e.g. {@code ok}) or {@code extract_status}
 * (e.g. {@code ready}, {@code error})
 * @param statusDetails the provider's explanation of a failed or unusual status, if any
 * @param mimeType the file's media type, when the provider sent one (the versioned API does)
 */
public record FileObject(String id, @Nullable String object, long bytes, Instant createdAt, String filename,
		String purpose, String status, @Nullable String statusDetails, @Nullable String mimeType) {

	/**
	 * A file as the compatible API describes it, without a media type.
	 * @param id the file's id
	 * @param object the object type
	 * @param bytes the size
	 * @param createdAt when it was uploaded
	 * @param filename its name
	 * @param purpose its purpose on the wire
	 * @param status its status on the wire
	 * @param statusDetails the explanation of its status, if any
	 */
	public FileObject(String id, @Nullable String object, long bytes, Instant createdAt, String filename,
			String purpose, String status, @Nullable String statusDetails) {
		this(id, object, bytes, createdAt, filename, purpose, status, statusDetails, null);
	}

	/**
	 * The purpose as a {@link FilePurpose}.
	 * @return the purpose, or {@code null} if the provider sent one this client does not know
	 */
	public @Nullable FilePurpose knownPurpose() {
		return FilePurpose.fromValue(this.purpose);
	}

	/**
	 * Where the provider's processing of the file stands, whichever field and value it used to say so.
	 * @return the state; {@link ProcessingState#UNKNOWN} for a value this client does not know (see {@link #status()})
	 */
	public ProcessingState processingState() {
		return ProcessingState.of(this.status);
	}

	/**
	 * Where the provider's processing of a file stands.
	 */
	public enum ProcessingState {

		/** Processed and usable: {@code ok}, {@code ready}, {@code processed}. */
		READY,

		/**
		 * Processing failed ({@code error}, {@code failed}): the file is still stored, visible and deletable.
		 */
		FAILED,

		/** Not processed yet: {@code processing}, {@code pending}, {@code uploaded}, {@code queued}. */
		PROCESSING,

		/** A value this client does not know. */
		UNKNOWN;

		static ProcessingState of(String status) {
			return switch (status.toLowerCase(Locale.ROOT)) {
				case "ok", "ready", "processed", "success", "succeeded" -> READY;
				case "error", "failed", "failure" -> FAILED;
				case "processing", "pending", "uploaded", "queued", "in_progress" -> PROCESSING;
				default -> UNKNOWN;
			};
		}

	}

}
