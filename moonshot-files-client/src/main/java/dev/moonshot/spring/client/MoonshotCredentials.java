package dev.moonshot.spring.client;

import org.springframework.util.Assert;

/**
 * Where the client gets its API key: asked once per attempt, so that a key that rotates (a secrets manager, a mounted
 * Kubernetes secret, a refreshed configuration) is used from the next attempt on, without rebuilding the client or
 * dropping its connections.
 * <p>
 * {@link #apiKey()} is called on the request path: it must answer at once, from memory, without I/O and without
 * blocking. Keep the current key in a field that a background task or an event updates, and return that field:
 * <pre class="code">
 * AtomicReference&lt;String&gt; key = new AtomicReference&lt;&gt;(vault.read("moonshot"));
 * MoonshotFilesClient client = MoonshotFilesClient.builder().credentials(key::get).build();
 * // later, from the secrets manager's rotation callback:
 * key.set(rotated);
 * </pre>
 * The key is stripped of surrounding white space and must then be printable ASCII without spaces (it travels in the
 * {@code Authorization} header). The first key is read when the client is built, and a missing or invalid one fails
 * the build. Later, when this returns {@code null}, a blank or invalid key or throws, the client keeps using the last
 * good key and logs a warning (once, until a good key comes again): a secrets store that is briefly unavailable never
 * fails calls.
 * <p>
 * An attempt answered {@code 401} while this already returns a newer key than the attempt sent is repeated once, at
 * once, with the newer key (the rotation race); a {@code 401} for the current key is a
 * {@link dev.moonshot.spring.client.exception.MoonshotAuthenticationException}. Every key the client used is masked in
 * what it keeps of responses, an earlier key too.
 */
@FunctionalInterface
public interface MoonshotCredentials {

	/**
	 * The API key to send with the next attempt, as {@code Authorization: Bearer <key>}.
	 * @return the current key; never read from a file or the network here
	 */
	String apiKey();

	/**
	 * Credentials of one key that never changes.
	 * @param apiKey the key, e.g. the value of the {@code MOONSHOT_API_KEY} environment variable
	 * @return the credentials; their {@code toString()} never shows the key
	 */
	static MoonshotCredentials of(String apiKey) {
		Assert.hasText(apiKey, "apiKey must not be empty: pass the key from the Moonshot platform console");
		return new FixedMoonshotCredentials(apiKey);
	}

}
