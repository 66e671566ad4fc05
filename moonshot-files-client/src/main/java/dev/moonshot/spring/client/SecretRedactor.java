package dev.moonshot.spring.client;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Masks the client's own API key in text that came from the network. Gateways and debugging proxies answer with
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

	private final String secret;

	/**
	 * @param secret the key exactly as it is sent after {@code Bearer }
	 */
	SecretRedactor(String secret) {
		this.secret = secret;
	}

	/**
	 * The text with every occurrence of the key masked, and with a start of the key masked where the text ends in
	 * one (the body was cut there).
	 * @param text text from the network
	 * @return the text, masked; the same instance when nothing had to be masked
	 */
	String redact(String text) {
		String masked = text.contains(this.secret) ? text.replace(this.secret, MASK) : text;
		int fragment = trailingFragment(masked);
		return (fragment > 0) ? masked.substring(0, masked.length() - fragment) + MASK : masked;
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
	 * Whether a text holds the key, or a start of it of at least {@link #MIN_QUOTED_FRAGMENT} characters anywhere,
	 * or ends in a start of it of at least {@link #MIN_FRAGMENT}.
	 * @param text the text
	 * @return whether the text reveals the key
	 */
	boolean isExposedBy(@Nullable String text) {
		if (text == null) {
			return false;
		}
		String start = this.secret.substring(0, Math.min(this.secret.length(), MIN_QUOTED_FRAGMENT));
		return text.contains(start) || trailingFragment(text) > 0;
	}

	private int trailingFragment(String text) {
		int longest = Math.min(this.secret.length() - 1, text.length());
		for (int length = longest; length >= MIN_FRAGMENT; length--) {
			if (text.regionMatches(text.length() - length, this.secret, 0, length)) {
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
