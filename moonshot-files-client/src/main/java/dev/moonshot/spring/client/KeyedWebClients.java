package dev.moonshot.spring.client;

import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * The client's WebClient with the {@code Authorization} header of one key among its default headers: built when the
 * key changes, kept while it does not. A request then has headers of its own only when its operation needs some (an
 * upload's {@code Idempotency-Key}, the content's {@code Accept}), and the WebClient copies no request headers into
 * the exchange for the others.
 */
final class KeyedWebClients {

	private final WebClient base;

	private volatile @Nullable Keyed current;

	/**
	 * @param base the client's WebClient: base URL and every default header but the key's set
	 */
	KeyedWebClients(WebClient base) {
		this.base = base;
	}

	/**
	 * The WebClient that sends a key.
	 * @param key the attempt's key
	 * @return a WebClient whose requests carry it
	 */
	WebClient of(KeyRing.Key key) {
		Keyed known = this.current;
		if (known != null && known.key().value.equals(key.value)) {
			return known.webClient();
		}
		WebClient webClient = this.base.mutate().defaultHeaders(key).build();
		this.current = new Keyed(key, webClient);
		return webClient;
	}

	private record Keyed(KeyRing.Key key, WebClient webClient) {

	}

}
