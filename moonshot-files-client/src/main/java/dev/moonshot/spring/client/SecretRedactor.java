package dev.moonshot.spring.client;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Masks the client's API keys, the current one and every earlier one, in text that came from the network. Gateways and debugging proxies answer with
 * error pages that echo the request, headers included: whatever of such a body an exception keeps passes through
 * here first. Used on failure paths only; a successful call never touches it.
 */
final class SecretRedactor {

	/** What stands in the key's place. */
	static final String MASK = "[REDACTED]";

	/**
	 * Shortest start of the key treated as the key when a body was cut in the middle of it. Shorter starts carry no
	 * more than the public prefix every key shares ({@code sk-}).
	 */
	static final int MIN_FRAGMENT = 4;

	/**
	 * Shortest start of the key that counts as revealing it when it stands anywhere in a text: a decoder's message
	 * may quote a token it cut short and then go on.
	 */
	static final int MIN_QUOTED_FRAGMENT = 8;

	private final Supplier<List<String>> secrets;

	/**
	 * @param secrets every key used so far, each exactly as it is sent after {@code Bearer }; asked each time
	 */
	SecretRedactor(Supplier<List<String>> secrets) {
		this.secrets = secrets;
	}

	/**
	 * @param secret the one key, exactly as it is sent after {@code Bearer }
	 */
	SecretRedactor(String secret) {
		this(() -> List.of(secret));
	}

	/**
	 * The text with every occurrence of each key masked, and of each start of a key at least
	 * {@link #MIN_QUOTED_FRAGMENT} characters long (a key quoted cut short, then followed by other text), and with a
	 * shorter start of a key masked where the text ends in one (the body was cut there).
	 * @param text text from the network
	 * @return the text, masked; the same instance when nothing had to be masked
	 */
	String redact(String text) {
		String masked = text;
		for (String secret : this.secrets.get()) {
			masked = maskStarts(masked, secret);
		}
		for (String secret : this.secrets.get()) {
			int fragment = trailingFragment(masked, secret);
			if (fragment > 0) {
				return masked.substring(0, masked.length() - fragment) + MASK;
			}
		}
		return masked;
	}

	/**
	 * Whether any message reachable from a throwable (its causes and suppressed exceptions) holds the key, whole or
	 * a start of it long enough to matter.
	 * @param failure the throwable to inspect
	 * @return whether keeping it would reveal the key
	 */
	boolean isExposedBy(@Nullable Throwable failure) {
		return isExposedBy(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
	}

	private boolean isExposedBy(@Nullable Throwable failure, Set<Throwable> seen) {
		if (failure == null || !seen.add(failure)) {
			return false;
		}
		if (isExposedBy(failure.getMessage()) || isExposedBy(failure.getCause(), seen)) {
			return true;
		}
		for (Throwable suppressed : failure.getSuppressed()) {
			if (isExposedBy(suppressed, seen)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether a text holds a key, or a start of one of at least {@link #MIN_QUOTED_FRAGMENT} characters anywhere,
	 * or ends in a start of one of at least {@link #MIN_FRAGMENT}.
	 * @param text the text
	 * @return whether the text reveals a key
	 */
	boolean isExposedBy(@Nullable String text) {
		if (text == null) {
			return false;
		}
		for (String secret : this.secrets.get()) {
			String start = secret.substring(0, Math.min(secret.length(), MIN_QUOTED_FRAGMENT));
			if (text.contains(start) || trailingFragment(text, secret) > 0) {
				return true;
			}
		}
		return false;
	}

	/** Each run of the text that matches the key's start for {@link #MIN_QUOTED_FRAGMENT} characters or more. */
	private static String maskStarts(String text, String secret) {
		String start = secret.substring(0, Math.min(secret.length(), MIN_QUOTED_FRAGMENT));
		int at = text.indexOf(start);
		if (at < 0) {
			return text;
		}
		StringBuilder masked = new StringBuilder(text.length());
		int from = 0;
		while (at >= 0) {
			int length = start.length();
			while (length < secret.length() && at + length < text.length()
					&& text.charAt(at + length) == secret.charAt(length)) {
				length++;
			}
			masked.append(text, from, at).append(MASK);
			from = at + length;
			at = text.indexOf(start, from);
		}
		return masked.append(text, from, text.length()).toString();
	}

	private static int trailingFragment(String text, String secret) {
		int longest = Math.min(secret.length() - 1, text.length());
		for (int length = longest; length >= MIN_FRAGMENT; length--) {
			if (text.regionMatches(text.length() - length, secret, 0, length)) {
				return length;
			}
		}
		return 0;
	}

	@Override
	public String toString() {
		return "SecretRedactor[" + MASK + "]";
	}

}
