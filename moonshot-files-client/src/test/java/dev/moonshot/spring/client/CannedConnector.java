package dev.moonshot.spring.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.mock.http.client.reactive.MockClientHttpRequest;
import org.springframework.mock.http.client.reactive.MockClientHttpResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A connector that answers every request from a script, with no network: the fuzz tests run thousands of bodies
 * through the client's own codecs, decoders and translator in seconds. Each body arrives split into chunks of random
 * sizes, as it would from a socket, so that no decoder can rely on a body arriving in one piece.
 */
final class CannedConnector implements ClientHttpConnector {

	/** One scripted answer. */
	record Answer(int status, @Nullable String contentType, byte[] body, List<String[]> headers) {

		static Answer of(int status, @Nullable String contentType, byte[] body) {
			return new Answer(status, contentType, body, List.of());
		}

		Answer withHeader(String name, String value) {
			List<String[]> more = new ArrayList<>(this.headers);
			more.add(new String[] { name, value });
			return new Answer(this.status, this.contentType, this.body, more);
		}

	}

	/**
	 * A client that talks to this connector only.
	 * @param apiKey its key
	 * @param apiVersion its API version, {@code null} for the compatible API
	 * @param retry its retry settings
	 * @return the client
	 */
	MoonshotFilesClient client(String apiKey, @Nullable String apiVersion, MoonshotRetrySettings retry) {
		return MoonshotFilesClient.builder()
			.apiKey(apiKey)
			.baseUrl("http://127.0.0.1:9")
			.allowInsecureHttp(true)
			.webClientBuilder(WebClient.builder().clientConnector(this))
			.retry(retry)
			.apiVersion(apiVersion)
			.build();
	}

	private volatile Function<URI, Answer> script = (uri) -> {
		throw new IllegalStateException("no answer scripted for " + uri);
	};

	private volatile Random chunking = new Random(0);

	private final List<String> requests = new ArrayList<>();

	/**
	 * Answer the next requests with the script.
	 * @param script the answer to each request, by its URI
	 * @param chunking the source of the chunk sizes
	 */
	synchronized void answer(Function<URI, Answer> script, Random chunking) {
		this.script = script;
		this.chunking = chunking;
		this.requests.clear();
	}

	/** The requests since the script was set, as {@code METHOD path?query}. */
	synchronized List<String> requests() {
		return List.copyOf(this.requests);
	}

	@Override
	public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
		MockClientHttpRequest request = new MockClientHttpRequest(method, uri);
		return requestCallback.apply(request).then(Mono.fromCallable(() -> {
			Answer answer;
			Random random;
			synchronized (this) {
				this.requests.add(method.name() + " " + uri.getRawPath()
						+ ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : ""));
				answer = this.script.apply(uri);
				random = this.chunking;
			}
			MockClientHttpResponse response = new MockClientHttpResponse(HttpStatusCode.valueOf(answer.status()));
			if (answer.contentType() != null) {
				response.getHeaders().set("Content-Type", answer.contentType());
			}
			for (String[] header : answer.headers()) {
				response.getHeaders().add(header[0], header[1]);
			}
			response.setBody(chunks(answer.body(), random));
			return response;
		}));
	}

	private static Flux<DataBuffer> chunks(byte[] body, Random random) {
		List<DataBuffer> chunks = new ArrayList<>();
		int offset = 0;
		while (offset < body.length) {
			int size = Math.min(body.length - offset, 1 + random.nextInt(random.nextBoolean() ? 8 : 4096));
			byte[] chunk = new byte[size];
			System.arraycopy(body, offset, chunk, 0, size);
			chunks.add(DefaultDataBufferFactory.sharedInstance.wrap(chunk));
			offset += size;
		}
		return Flux.fromIterable(chunks);
	}

}
