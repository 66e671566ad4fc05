package dev.moonshot.spring.autoconfigure;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.moonshot.spring.client.MoonshotClientDefaults;
import dev.moonshot.spring.client.MoonshotCredentials;
import dev.moonshot.spring.client.model.ApiKeyInUse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * An API key kept in a file ({@code moonshot.api-key-file}), such as a mounted Kubernetes secret, re-read by a
 * thread of its own at a fixed interval: the request path reads a field. The path is opened anew at each check, so
 * the atomic swap of the {@code ..data} symbolic link that Kubernetes makes on a rotation is followed. While the file
 * is missing, empty or unreadable (between the two steps of a swap, say), the last good key stays in use and a
 * warning is logged once; the key that comes back is logged by its fingerprint.
 */
final class ApiKeyFileCredentials implements MoonshotCredentials, AutoCloseable {

	private static final Log logger = LogFactory.getLog(ApiKeyFileCredentials.class);

	/** Largest file taken for a key file: keys are tens of characters, a file of kilobytes is the wrong file. */
	static final long MAX_BYTES = 4096;

	private final Path path;

	private final ScheduledExecutorService checker;

	private volatile String apiKey;

	/** Whether the last check failed (warned once until the file is good again); the checker's thread only. */
	private boolean failing;

	private ApiKeyFileCredentials(Path path, String apiKey, Duration interval) {
		this.path = path;
		this.apiKey = apiKey;
		this.checker = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "moonshot-api-key-file");
			thread.setDaemon(true);
			return thread;
		});
		long millis = interval.toMillis();
		this.checker.scheduleWithFixedDelay(this::check, millis, millis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Read the key from a file, and keep reading it.
	 * @param path the file
	 * @param interval how often to check it
	 * @return the credentials; {@link #close()} stops the checks
	 * @throws InvalidMoonshotApiKeyFileException when the file gives no key now
	 */
	static ApiKeyFileCredentials watch(Path path, Duration interval) {
		MoonshotClientDefaults.requirePositive(interval, "moonshot.api-key-file-check-interval");
		try {
			return new ApiKeyFileCredentials(path, read(path), interval);
		}
		catch (IOException ex) {
			throw new InvalidMoonshotApiKeyFileException(path, describe(ex));
		}
	}

	@Override
	public String apiKey() {
		return this.apiKey;
	}

	/** One check of the file: a new key replaces the old one, a failure keeps it. */
	void check() {
		try {
			String read = read(this.path);
			if (this.failing) {
				this.failing = false;
				logger.info("Moonshot API key file " + this.path + " is readable again");
			}
			String current = this.apiKey;
			if (!read.equals(current)) {
				logger.info("Moonshot API key file " + this.path + " holds a new key: fingerprint "
						+ ApiKeyInUse.fingerprintOf(current) + " -> " + ApiKeyInUse.fingerprintOf(read));
				this.apiKey = read;
			}
		}
		catch (IOException | RuntimeException ex) {
			if (!this.failing) {
				this.failing = true;
				logger.warn("Moonshot API key file " + this.path + " gives no key (" + describe(ex)
						+ "); the last good key, fingerprint " + ApiKeyInUse.fingerprintOf(this.apiKey)
						+ ", stays in use until it does");
			}
		}
	}

	private static String read(Path path) throws IOException {
		if (Files.size(path) > MAX_BYTES) {
			throw new IOException("it holds more than " + MAX_BYTES + " bytes: not a key file");
		}
		String key = Files.readString(path).strip();
		if (key.isEmpty()) {
			throw new IOException("it is empty");
		}
		return key;
	}

	/** What went wrong, never quoting the file's content. */
	private static String describe(Exception failure) {
		if (failure instanceof NoSuchFileException) {
			return "it does not exist";
		}
		if (failure instanceof CharacterCodingException) {
			return "it is not UTF-8 text";
		}
		return (failure.getMessage() != null && failure.getClass() == IOException.class) ? failure.getMessage()
				: failure.getClass().getSimpleName() + ((failure.getMessage() != null) ? ": " + failure.getMessage() : "");
	}

	/** Stop checking the file. */
	@Override
	public void close() {
		this.checker.shutdownNow();
	}

	@Override
	public String toString() {
		return "ApiKeyFileCredentials[path=" + this.path + ", apiKey=******]";
	}

}
