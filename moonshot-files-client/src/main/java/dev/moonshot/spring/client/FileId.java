package dev.moonshot.spring.client;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.web.util.UriUtils;

/**
 * The rules a file id must meet before the client puts it into a request. Ids are opaque (the provider's ChangeLog of
 * 2026-09-07: "ids have always been opaque strings"), so their alphabet is not checked; only what can never be one
 * safe path segment is refused: nothing, {@code .} and {@code ..}, {@code /}, {@code \}, {@code ?}, {@code #},
 * {@code %}, white space, control characters and an absurd length. Everything else is sent, percent-encoded by the
 * URI template.
 */
final class FileId {

	static final int MAX_LENGTH = 256;

	private static final String HINT = " Pass the \"id\" of a file exactly as the Files API returned it (at most "
			+ MAX_LENGTH + " characters).";

	private static final String NEVER_IN_A_SEGMENT = "/\\?#%";

	private FileId() {
	}

	/**
	 * Check a file id.
	 * @param fileId the caller's value
	 * @return the same value, valid
	 * @throws IllegalArgumentException saying which rule the value breaks
	 */
	static String requireValid(@Nullable String fileId) {
		if (fileId == null) {
			throw new IllegalArgumentException("File id must not be null." + HINT);
		}
		if (fileId.isBlank()) {
			throw new IllegalArgumentException("File id must not be empty or blank, got " + DisplayValue.of(fileId)
					+ "." + HINT);
		}
		if (fileId.length() > MAX_LENGTH) {
			throw new IllegalArgumentException("File id " + DisplayValue.of(fileId) + " is too long ("
					+ fileId.length() + " characters)." + HINT);
		}
		if (fileId.equals(".") || fileId.equals("..")) {
			throw new IllegalArgumentException("File id " + DisplayValue.of(fileId)
					+ " would address another path, not a file." + HINT);
		}
		for (int i = 0; i < fileId.length(); i++) {
			char c = fileId.charAt(i);
			if (NEVER_IN_A_SEGMENT.indexOf(c) >= 0 || Character.isWhitespace(c) || Character.isSpaceChar(c)
					|| Character.isISOControl(c)) {
				throw new IllegalArgumentException("File id " + DisplayValue.of(fileId)
						+ " contains a character that cannot be sent as one path segment ("
						+ DisplayValue.of(String.valueOf(c)) + " at index " + i + ")." + HINT);
			}
		}
		return fileId;
	}

	/**
	 * A valid file id as one path segment: as it is when every character is unreserved (RFC 3986: letters, digits,
	 * {@code - . _ ~}), else percent-encoded in UTF-8 as a URI template variable is ({@link UriUtils#encode}).
	 * @param fileId a valid file id
	 * @return the segment
	 */
	static String encoded(String fileId) {
		for (int i = 0; i < fileId.length(); i++) {
			char c = fileId.charAt(i);
			boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '.' || c == '_' || c == '~';
			if (!unreserved) {
				return UriUtils.encode(fileId, StandardCharsets.UTF_8);
			}
		}
		return fileId;
	}

}
