package dev.moonshot.spring.client;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import dev.moonshot.spring.client.model.ApiKeyInUse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * The keys of one client: the {@link MoonshotCredentials} asked before each attempt, the key that attempt sends, and
 * every key used so far (what the {@link SecretRedactor} masks). Asking costs a field read and a reference comparison while
 * the credentials return the same string; a new key is checked, fingerprinted and remembered once.
 */
final class KeyRing {

	private static final Log logger = LogFactory.getLog(MoonshotFilesClient.class);

	/**
	 * Most keys remembered for masking: far more than any rotation schedule uses during a client's life; a supplier
	 * that returns a new key every time cannot make the client hold them all.
	 */
	static final int MAX_REMEMBERED = 64;

	private final MoonshotCredentials credentials;

	private final Clock clock;

	private volatile Key current;

	/** Every key used, newest last; replaced, never changed, so readers need no lock. */
	private volatile List<String> used;

	/** Whether the credentials' last answer was refused (warned once until a good key comes). */
	private boolean refusing;

	/**
	 * Read the first key.
	 * @param credentials where keys come from
	 * @param clock the clock of {@link ApiKeyInUse#since()}
	 * @throws IllegalStateException when there is no usable first key
	 */
	KeyRing(MoonshotCredentials credentials, Clock clock) {
		this.credentials = credentials;
		this.clock = clock;
		String raw;
		try {
			raw = credentials.apiKey();
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("The Moonshot credentials gave no API key: " + ex.getClass().getName(),
					null);
		}
		if (raw == null || raw.isBlank()) {
			throw new IllegalStateException("A Moonshot API key is required: call apiKey(...) or credentials(...) "
					+ "with the key from the Moonshot platform console, e.g. System.getenv(\"MOONSHOT_API_KEY\")");
		}
		String problem = problemOf(raw);
		if (problem != null) {
			throw new IllegalStateException("The Moonshot API key cannot be sent: " + problem
					+ "; check how the key is set (one line, no quotes)");
		}
		this.current = new Key(raw, raw.strip(), this.clock);
		this.used = List.of(this.current.value);
	}

	/**
	 * The key for the attempt that starts now.
	 * @return the credentials' current key, or the last good one when they have none
	 */
	Key current() {
		Key known = this.current;
		String raw;
		try {
			raw = this.credentials.apiKey();
		}
		catch (RuntimeException ex) {
			return refused(known, "they threw " + ex.getClass().getName());
		}
		if (raw == known.raw) {
			return known;
		}
		if (raw == null) {
			return refused(known, "the key is null");
		}
		return raw.equals(known.raw) ? known : changed(raw);
	}

	/**
	 * Whether the credentials have a newer key than the one an attempt sent: the attempt's {@code 401} may be the
	 * rotation race.
	 */
	boolean isNewerThan(Key sent) {
		return !current().value.equals(sent.value);
	}

	/** What the client tells of the key it uses now. */
	ApiKeyInUse inUse() {
		Key key = current();
		return new ApiKeyInUse(key.fingerprint, key.since);
	}

	/** Every key used so far, the current one included. */
	List<String> used() {
		return this.used;
	}

	private synchronized Key changed(String raw) {
		Key known = this.current;
		if (raw.equals(known.raw)) {
			return known;
		}
		String problem = problemOf(raw);
		if (problem != null) {
			return refused(known, problem);
		}
		String value = raw.strip();
		Key key = value.equals(known.value) ? new Key(raw, known) : new Key(raw, value, this.clock);
		if (!this.used.contains(value)) {
			List<String> all = new ArrayList<>(this.used);
			all.add(value);
			this.used = Collections.unmodifiableList(
					(all.size() > MAX_REMEMBERED) ? all.subList(all.size() - MAX_REMEMBERED, all.size()) : all);
		}
		if (this.refusing) {
			this.refusing = false;
			logger.info("Moonshot credentials give a usable API key again");
		}
		if (key.since != known.since) {
			logger.info("Moonshot API key changed: fingerprint " + known.fingerprint + " -> " + key.fingerprint);
		}
		this.current = key;
		return key;
	}

	private synchronized Key refused(Key known, String problem) {
		if (!this.refusing) {
			this.refusing = true;
			logger.warn("Moonshot credentials gave no usable API key (" + problem + "); still using the last good "
					+ "key, fingerprint " + known.fingerprint);
		}
		return known;
	}

	/**
	 * What is wrong with a key, never quoting it; {@code null} when it can be sent.
	 */
	static @Nullable String problemOf(@Nullable String raw) {
		if (raw == null) {
			return "the key is null";
		}
		String value = raw.strip();
		if (value.isEmpty()) {
			return "the key is empty";
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c <= 0x20 || c >= 0x7F) {
				return "the key holds a character that cannot be sent in the Authorization header at position "
						+ (i + 1) + " of " + value.length() + " (only printable ASCII without spaces)";
			}
		}
		return null;
	}

	/**
	 * One key as the client sends it: sets the attempt's {@code Authorization} header.
	 */
	static final class Key implements Consumer<HttpHeaders> {

		/** The credentials' string, compared by reference first. */
		final String raw;

		/** The key as sent. */
		final String value;

		final String fingerprint;

		final Instant since;

		private final String header;

		Key(String raw, String value, Clock clock) {
			this.raw = raw;
			this.value = value;
			this.header = "Bearer " + value;
			this.fingerprint = ApiKeyInUse.fingerprintOf(value);
			this.since = clock.instant();
		}

		/** The same key, given as another string (white space around it). */
		Key(String raw, Key same) {
			this.raw = raw;
			this.value = same.value;
			this.header = same.header;
			this.fingerprint = same.fingerprint;
			this.since = same.since;
		}

		@Override
		public void accept(HttpHeaders headers) {
			headers.set(HttpHeaders.AUTHORIZATION, this.header);
		}

		@Override
		public String toString() {
			return "Key[fingerprint=" + this.fingerprint + "]";
		}

	}

}
