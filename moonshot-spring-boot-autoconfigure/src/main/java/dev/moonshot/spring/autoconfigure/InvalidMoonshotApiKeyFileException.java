package dev.moonshot.spring.autoconfigure;

import java.nio.file.Path;

/**
 * Thrown at startup when {@code moonshot.api-key-file} names a file that gives no key.
 */
public class InvalidMoonshotApiKeyFileException extends IllegalStateException {

	private final Path path;

	private final String reason;

	/**
	 * Create an exception.
	 * @param path the file
	 * @param reason why it gives no key (never its content)
	 */
	public InvalidMoonshotApiKeyFileException(Path path, String reason) {
		super("The Moonshot API key file " + path + " (moonshot.api-key-file) gives no key: " + reason);
		this.path = path;
		this.reason = reason;
	}

	/**
	 * The file.
	 * @return the path as configured
	 */
	public Path getPath() {
		return this.path;
	}

	/**
	 * Why the file gives no key.
	 * @return e.g. {@code it does not exist}
	 */
	public String getReason() {
		return this.reason;
	}

}
