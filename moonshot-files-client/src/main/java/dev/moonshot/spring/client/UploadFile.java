package dev.moonshot.spring.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;

/**
 * A file about to be uploaded, checked against the provider's rules before anything is sent: it exists, can be read
 * (again, for a retry), is not empty, is at most {@link FileUsage#MAX_FILE_BYTES}, and has a name.
 *
 * @param resource the content, streamed when the request is written
 * @param filename the name sent with the content
 * @param contentType the content type of the file part, guessed from the name
 * @param size the size in bytes
 */
record UploadFile(Resource resource, String filename, MediaType contentType, long size) {

	static UploadFile of(@Nullable Path path) {
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
		return checked(new FileSystemResource(path), description, (name != null) ? name.toString() : null, size);
	}

	static UploadFile of(@Nullable Resource resource) {
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
		return checked(resource, description, resource.getFilename(), size);
	}

	private static UploadFile checked(Resource resource, String description, @Nullable String filename, long size) {
		if (size == 0) {
			throw cannotUpload(description, "it is empty (0 bytes), and the Files API rejects empty files");
		}
		if (size > FileUsage.MAX_FILE_BYTES) {
			throw cannotUpload(description, "it is " + size + " bytes, larger than the limit of "
					+ FileUsage.MAX_FILE_BYTES + " bytes (100 MiB) per file");
		}
		if (filename == null || filename.isBlank()) {
			throw cannotUpload(description, "it has no filename, and the Files API needs one; use a resource that "
					+ "has a name (e.g. a ByteArrayResource that overrides getFilename())");
		}
		MediaType contentType = MediaTypeFactory.getMediaType(filename).orElse(MediaType.APPLICATION_OCTET_STREAM);
		return new UploadFile(resource, filename, contentType, size);
	}

	private static IllegalArgumentException cannotUpload(String description, String reason) {
		return new IllegalArgumentException("Cannot upload " + description + ": " + reason + ".");
	}

}
