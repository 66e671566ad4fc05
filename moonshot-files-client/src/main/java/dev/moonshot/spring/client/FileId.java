package dev.moonshot.spring.client;

import org.jspecify.annotations.Nullable;

/**
 * The rules a file id must meet before the client puts it into a request: ids the provider issues consist of
 * letters, digits, {@code -}, {@code _} and {@code .}; anything else (a slash, a space, a percent sign) is a bug in
 * the caller and would at best address another path.
 */
final class FileId {

	static final int MAX_LENGTH = 256;

	private static final String HINT = " Pass the \"id\" of a file as returned by the Files API (letters, digits, "
			+ "'-', '_' and '.', at most " + MAX_LENGTH + " characters).";

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
		boolean onlyDots = true;
		for (int i = 0; i < fileId.length(); i++) {
			char c = fileId.charAt(i);
			if (!isAllowed(c)) {
				throw new IllegalArgumentException("File id " + DisplayValue.of(fileId)
						+ " contains a character that file ids never have (" + DisplayValue.of(String.valueOf(c))
						+ " at index " + i + ")." + HINT);
			}
			onlyDots &= (c == '.');
		}
		if (onlyDots) {
			throw new IllegalArgumentException("File id " + DisplayValue.of(fileId)
					+ " consists of dots only, which would address another path." + HINT);
		}
		return fileId;
	}

	private static boolean isAllowed(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
				|| c == '.';
	}

}
