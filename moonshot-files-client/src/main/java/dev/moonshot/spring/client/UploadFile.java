package dev.moonshot.spring.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.moonshot.spring.client.model.FileUsage;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;

/**
 * A file about to be uploaded, checked against the provider's rules before anything is sent: it exists, can be read
 * (again, for a retry), is not empty, is at most {@link FileUsage#MAX_FILE_BYTES}, and has a name that can be sent.
 * <p>
 * The name the provider stores (the client's filename prefix, then the file's own name) goes into the file part's
 * {@code Content-Disposition} header as a quoted string. Spring escapes quotes and backslashes there and writes
 * other characters, non-ASCII ones included, as UTF-8, as browsers do. A control character cannot be sent safely: a
 * CR or LF would end the part's header block where the name says, handing whoever chose the name the part's headers
 * at the provider. Such a name is refused (see {@link #unsendable(String)}), never changed, so nothing is half-sent.
 *
 * @param resource the content, streamed when the request is written
 * @param storedName the name sent with the content: the client's prefix, then the file's own name
 * @param contentType the content type of the file part, guessed from the name
 * @param size the size in bytes
 */
record UploadFile(Resource resource, String storedName, MediaType contentType, long size) {

	/**
	 * Checks a file to upload.
	 * @param path the file
	 * @param prefix the client's filename prefix, or {@code null} for none
	 * @return the file, checked
	 * @throws IllegalArgumentException if it cannot be uploaded, saying why
	 */
	static UploadFile of(@Nullable Path path, @Nullable String prefix) {
		if (path == null) {
			throw new IllegalArgumentException("File to upload must not be null");
		}
		String description = "file " + DisplayValue.of(path.toString());
		if (!Files.exists(path)) {
			throw cannotUpload(description, "it does not exist");
		}
		if (!Files.isRegularFile(path)) {
			throw cannotUpload(description, "it is not a regular file");
		}
		if (!Files.isReadable(path)) {
			throw cannotUpload(description, "it is not readable by this process");
		}
		long size;
		try {
			size = Files.size(path);
		}
		catch (IOException ex) {
			throw cannotUpload(description, "its size cannot be read (" + ex.getMessage() + ")");
		}
		Path name = path.getFileName();
		return checked(new FileSystemResource(path), description, (name != null) ? name.toString() : null, prefix,
				size);
	}

	/**
	 * Checks a resource to upload.
	 * @param resource the content, with a filename
	 * @param prefix the client's filename prefix, or {@code null} for none
	 * @return the file, checked
	 * @throws IllegalArgumentException if it cannot be uploaded, saying why
	 */
	static UploadFile of(@Nullable Resource resource, @Nullable String prefix) {
		if (resource == null) {
			throw new IllegalArgumentException("File to upload must not be null");
		}
		String description = DisplayValue.of(resource.getDescription());
		if (resource.isOpen()) {
			throw cannotUpload(description, "it can be read only once, but the client reads its size first and "
					+ "may have to send it again; pass a Path, a FileSystemResource, a ByteArrayResource or another "
					+ "resource that can be reopened");
		}
		if (!resource.exists()) {
			throw cannotUpload(description, "it does not exist");
		}
		if (!resource.isReadable()) {
			throw cannotUpload(description, "it is not readable");
		}
		long size;
		try {
			size = resource.contentLength();
		}
		catch (IOException ex) {
			throw cannotUpload(description, "its size cannot be determined (" + ex.getMessage() + ")");
		}
		return checked(resource, description, resource.getFilename(), prefix, size);
	}

	private static UploadFile checked(Resource resource, String description, @Nullable String filename,
			@Nullable String prefix, long size) {
		if (size == 0) {
			throw cannotUpload(description, "it is empty (0 bytes), and the Files API rejects empty files");
		}
		if (size > FileUsage.MAX_FILE_BYTES) {
			throw cannotUpload(description, "it is " + size + " bytes, larger than the limit of "
					+ FileUsage.MAX_FILE_BYTES + " bytes (" + (FileUsage.MAX_FILE_BYTES >> 20) + " MiB) per file");
		}
		if (filename == null || filename.isBlank()) {
			throw cannotUpload(description, "it has no filename, and the Files API needs one; use a resource that "
					+ "has a name (e.g. a ByteArrayResource that overrides getFilename())");
		}
		String storedName = (prefix != null) ? prefix + filename : filename;
		String unsendable = unsendable(storedName);
		if (unsendable != null) {
			throw cannotUpload(description, "the name it would be stored under, " + DisplayValue.of(storedName)
					+ ", has " + unsendable + ". A control character would break the multipart request's headers, "
					+ "so nothing was sent; give the file a name without control characters (CR, LF, NUL, tab and "
					+ "the rest of U+0000-U+001F and U+007F-U+009F), e.g. by replacing them, and upload it again");
		}
		MediaType contentType = MediaTypeFactory.getMediaType(filename).orElse(MediaType.APPLICATION_OCTET_STREAM);
		return new UploadFile(resource, storedName, contentType, size);
	}

	/**
	 * The one rule for what may go into an upload's filename (the prefix included): no control character (C0,
	 * DEL or C1, which {@link Character#isISOControl(int)} names) and no unpaired surrogate (which UTF-8 cannot
	 * encode, so the name on the wire would differ from the one given).
	 * @param name a filename or a part of one
	 * @return what in it cannot be sent and where, e.g. {@code a line feed (U+000A) at position 4}, or {@code null}
	 * if all of it can
	 */
	static @Nullable String unsendable(String name) {
		for (int i = 0; i < name.length();) {
			int codePoint = name.codePointAt(i);
			if (Character.isISOControl(codePoint)) {
				return describe(codePoint) + " at position " + i;
			}
			if (Character.isSurrogate(name.charAt(i)) && Character.charCount(codePoint) == 1) {
				return String.format("an unpaired surrogate (U+%04X) at position %d", codePoint, i);
			}
			i += Character.charCount(codePoint);
		}
		return null;
	}

	private static String describe(int control) {
		String name = switch (control) {
			case 0x00 -> "a NUL character";
			case 0x09 -> "a tab";
			case 0x0A -> "a line feed";
			case 0x0D -> "a carriage return";
			case 0x7F -> "a DEL character";
			default -> "a control character";
		};
		return String.format("%s (U+%04X)", name, control);
	}

	private static IllegalArgumentException cannotUpload(String description, String reason) {
		return new IllegalArgumentException("Cannot upload " + description + ": " + reason + ".");
	}

}
