package dev.moonshot.spring.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.moonshot.spring.client.MoonshotApiVersion;
import dev.moonshot.spring.client.MoonshotClientDefaults;
import dev.moonshot.spring.client.MoonshotConnectionPools;
import dev.moonshot.spring.client.MoonshotFilesClient;
import dev.moonshot.spring.client.MoonshotRetrySettings;
import dev.moonshot.spring.client.model.FileUsage;
import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * An in-memory fake of the Moonshot Files API on a random loopback port, for tests and offline runs.
 * <p>
 * It behaves like the provider: the same JSON shapes, a {@code Msh-Request-Id} on every response, the Bearer key
 * checked (401 with the provider's error body when wrong), 404 for unknown ids, the account limits enforced with the
 * provider's error bodies (1,000 files, 100 MiB per file, 10 GiB in all), and the content of a {@code file-extract}
 * upload returned as its text. Tests can inspect and seed the stored files, inject faults into the next calls of an
 * operation, and add a steady latency.
 * <p>
 * It answers each request in the protocol the request asks for. Without a {@code kimi-api-version} header: the
 * compatible shapes, every file of the organization in one list. With {@code 2026-09-01-beta}: the versioned shapes
 * ({@code items}, {@code size_bytes}, RFC 3339 {@code created_at}, {@code extract_status}), only the key's project's
 * files, newest first, paginated by {@code page_size} with opaque {@code page_token}s; uploads answer 201 and are
 * replayed for a repeated {@code Idempotency-Key} with the same body (409 {@code conflict_error} with another body),
 * deletes answer 204, content is a JSON object, and errors carry {@code request_id} (and {@code param}). Any other
 * version gets 400.
 * <pre class="code">
 * try (MoonshotFakeServer fake = MoonshotFakeServer.start()) {
 *     MoonshotFilesClient client = fake.client();
 *     ...
 * }
 * </pre>
 * It runs on event loops of its own, so that an application context that disposes Reactor Netty's shared resources
 * cannot stop it. Its parts are package-private collaborators, each guarding its own state with its own monitor: the
 * account ({@link FakeStore}), the answers of the five operations ({@link FakeFilesApi}), the two wire formats
 * ({@link FakeWire}), the organization's rate limit ({@link FakeRateLimiter}) and what a test injects
 * ({@link FakeFaults}); this class routes a request through them.
 */
public final class MoonshotFakeServer implements AutoCloseable {

	/** The key the fake accepts unless another is given. */
	public static final String DEFAULT_API_KEY = "sk-moonshot-fake-key";

	/** The project of the key the fake accepts; files seeded into another project are the organization's. */
	public static final String PROJECT = "default";

	/** The API version the fake speaks besides the compatible behaviour. */
	public static final String VERSION = MoonshotApiVersion.V2026_09_01_BETA;

	/** Most files an account may store: the provider's limit, as the client knows it. */
	public static final int MAX_FILES = FileUsage.MAX_FILES;

	/** Largest file: 100 MiB. */
	public static final long MAX_FILE_BYTES = FileUsage.MAX_FILE_BYTES;

	/** Most bytes in all files together: 10 GiB. */
	public static final long MAX_TOTAL_BYTES = FileUsage.MAX_TOTAL_BYTES;

	private final String apiKey;

	private final FakeStore store = new FakeStore();

	private final FakeFilesApi api = new FakeFilesApi(this.store);

	private final FakeFaults faults = new FakeFaults();

	private final FakeRateLimiter rateLimiter = new FakeRateLimiter();

	private final FakeKeys keys;

	private final LoopResources loops;

	/** The event loops and connections of the clients {@link #client()} makes: the fake's own, as its server's. */
	private final LoopResources clientLoops;

	private final ConnectionProvider clientConnections;

	private final DisposableServer server;

	private MoonshotFakeServer(String apiKey) {
		this.apiKey = apiKey;
		this.keys = new FakeKeys(apiKey);
		this.loops = LoopResources.create("moonshot-fake", 1, true);
		this.clientLoops = LoopResources.create("moonshot-fake-client", 1, true);
		this.clientConnections = MoonshotConnectionPools.create(MoonshotClientDefaults.MAX_CONNECTIONS);
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(this.loops)
			.route((routes) -> routes
				.post("/v1/files", (request, response) -> handle(FakeOperation.UPLOAD, request, response))
				.get("/v1/files", (request, response) -> handle(FakeOperation.LIST, request, response))
				.get("/v1/files/{id}/content", (request, response) -> handle(FakeOperation.CONTENT, request, response))
				.get("/v1/files/{id}", (request, response) -> handle(FakeOperation.RETRIEVE, request, response))
				.delete("/v1/files/{id}", (request, response) -> handle(FakeOperation.DELETE, request, response)))
			.bindNow();
	}

	/**
	 * Start a fake that accepts {@link #DEFAULT_API_KEY}.
	 * @return the running fake
	 */
	public static MoonshotFakeServer start() {
		return start(DEFAULT_API_KEY);
	}

	/**
	 * Start a fake that accepts the given key.
	 * @param apiKey the only key the fake accepts
	 * @return the running fake
	 */
	public static MoonshotFakeServer start(String apiKey) {
		return new MoonshotFakeServer(apiKey);
	}

	/**
	 * Where the fake listens, to use as {@code moonshot.base-url}.
	 * @return e.g. {@code http://127.0.0.1:40123}
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/**
	 * The key the fake starts with, to use as {@code moonshot.api-key}.
	 * @return the key
	 */
	public String apiKey() {
		return this.apiKey;
	}

	/**
	 * A client for this fake, without retries (so that injected faults show as they are). It runs on event loops
	 * and connections of the fake's own, so that an application context that disposes Reactor Netty's shared
	 * resources meanwhile cannot break its calls; it works until the fake is closed.
	 * @return a new client
	 */
	public MoonshotFilesClient client() {
		HttpClient http = HttpClient.create(this.clientConnections)
			.runOn(this.clientLoops)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) MoonshotClientDefaults.CONNECT_TIMEOUT.toMillis());
		return MoonshotFilesClient.builder()
			.baseUrl(baseUrl())
			.apiKey(this.apiKey)
			.webClientBuilder(WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)))
			.retry(MoonshotRetrySettings.disabled())
			.build();
	}

	/**
	 * The stored files, in upload order.
	 * @return a snapshot of the files
	 */
	public List<FakeFile> files() {
		return this.store.files();
	}

	/**
	 * Store a file as if it had been uploaded.
	 * @param filename its name
	 * @param purpose its purpose on the wire, e.g. {@code file-extract}
	 * @param text its content (and extracted text)
	 * @param createdAt when it was "uploaded", e.g. weeks ago for a retention test
	 * @return the stored file
	 */
	public FakeFile seed(String filename, String purpose, String text, Instant createdAt) {
		return seedInProject(PROJECT, filename, purpose, text, createdAt);
	}

	/**
	 * Store a file in a project of the organization, as another application of it would have uploaded it.
	 * @param project the project, e.g. {@code other-app}
	 * @param filename its name
	 * @param purpose its purpose on the wire
	 * @param text its content (and extracted text)
	 * @param createdAt when it was "uploaded"
	 * @return the stored file
	 */
	public FakeFile seedInProject(String project, String filename, String purpose, String text, Instant createdAt) {
		byte[] content = text.getBytes(StandardCharsets.UTF_8);
		return this.store.add(filename, purpose, content.length, createdAt, content, project);
	}

	/**
	 * Store a file of a given size without keeping its content, to fill the account's storage quota in a test.
	 * @param filename its name
	 * @param purpose its purpose on the wire
	 * @param bytes the size it is reported and counted with
	 * @param createdAt when it was "uploaded"
	 * @return the stored file (its content is empty)
	 */
	public FakeFile seedOfSize(String filename, String purpose, long bytes, Instant createdAt) {
		return this.store.add(filename, purpose, bytes, createdAt, new byte[0], PROJECT);
	}

	/**
	 * Inject a fault into the next calls of an operation.
	 * @param operation which operation
	 * @param times how many of its next calls
	 * @param fault what to do instead
	 * @return this fake
	 */
	public MoonshotFakeServer failNext(FakeOperation operation, int times, FakeFault fault) {
		this.faults.queue(operation, times, fault);
		return this;
	}

	/**
	 * Announce that the API version is being retired: every answer from now on carries {@code Deprecation: true}
	 * and {@code Sunset: <date>}.
	 * @param sunset the retirement date, e.g. {@code 2027-03-01}; {@code null} to stop announcing
	 * @return this fake
	 */
	public MoonshotFakeServer deprecate(@Nullable String sunset) {
		this.faults.sunset(sunset);
		return this;
	}

	/**
	 * Answer the next calls of an operation that carry no version header with the 400 seen during the header's
	 * rollout, "missing required header Kimi-Api-Version".
	 * @param operation which operation
	 * @param times how many of its next calls
	 * @return this fake
	 */
	public MoonshotFakeServer rolloutFault(FakeOperation operation, int times) {
		this.faults.rollout(operation, times);
		return this;
	}

	/**
	 * Limit the rate of the whole organization, as the provider does: every client of this fake shares it.
	 * @param limit the limit, or {@code null} for none
	 * @return this fake
	 */
	public MoonshotFakeServer rateLimit(@Nullable FakeRateLimit limit) {
		this.rateLimiter.set(limit);
		return this;
	}

	/**
	 * How many requests the rate limit answered with 429.
	 * @return the count
	 */
	public int rateLimitedCount() {
		return this.rateLimiter.refusedCount();
	}

	/**
	 * Delay every answer, as a distant provider would.
	 * @param latency the delay, zero for none
	 * @return this fake
	 */
	public MoonshotFakeServer latency(Duration latency) {
		this.faults.latency(latency);
		return this;
	}

	/**
	 * How many requests an operation received, refused ones included.
	 * @param operation the operation
	 * @return the count
	 */
	public int requestCount(FakeOperation operation) {
		return this.faults.requestCount(operation);
	}

	/**
	 * Accept another key besides the current ones, as the provider's console does when a key is created: the
	 * overlap of a rotation, while clients move to the new key.
	 * @param apiKey the key to accept too
	 * @return this fake
	 */
	public MoonshotFakeServer acceptKey(String apiKey) {
		Assert.hasText(apiKey, "apiKey must not be empty");
		this.keys.accept(apiKey);
		return this;
	}

	/**
	 * Stop accepting a key, as the provider's console does when a key is deleted: requests with it are answered 401
	 * from now on, and counted ({@link #retiredKeyRequestCount()}).
	 * @param apiKey the key to retire
	 * @return this fake
	 */
	public MoonshotFakeServer retireKey(String apiKey) {
		this.keys.retire(apiKey);
		return this;
	}

	/**
	 * The keys the fake accepts now.
	 * @return a snapshot; the key the fake started with until it is retired
	 */
	public Set<String> acceptedKeys() {
		return this.keys.accepted();
	}

	/**
	 * How many requests came with a key after it was retired.
	 * @return the count
	 */
	public int retiredKeyRequestCount() {
		return this.keys.retiredKeyRequests();
	}

	/**
	 * Forget every file, fault, count, latency and key but the first.
	 */
	public void reset() {
		this.keys.reset();
		this.store.reset();
		this.faults.reset();
		this.rateLimiter.reset();
	}

	@Override
	public void close() {
		this.clientConnections.disposeLater().block(Duration.ofSeconds(10));
		this.clientLoops.disposeLater(Duration.ZERO, Duration.ofSeconds(10)).block(Duration.ofSeconds(10));
		this.server.disposeNow();
		// no quiet period: the server is closed, so no task can still arrive on its loop (Netty's default waits 2 s)
		this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(10)).block(Duration.ofSeconds(10));
	}

	/**
	 * A request, through the organization's rate limit, what a test injected, the version and the key, to its
	 * operation's answer.
	 */
	private Publisher<Void> handle(FakeOperation operation, HttpServerRequest request, HttpServerResponse response) {
		this.faults.arrived(operation);
		String version = request.requestHeaders().get(MoonshotApiVersion.HEADER);
		boolean limited = this.rateLimiter.isLimited();
		if (limited) {
			HttpHeaders headers = new HttpHeaders();
			Long retryAfter = this.rateLimiter.admit(headers);
			headers.forEach((name, values) -> values.forEach((value) -> response.header(name, value)));
			if (retryAfter != null) {
				return FakeWire.send(response, 429, FakeWire.errorBody("rate_limit_reached_error",
						"Your account reached its rate limit, please try again after " + retryAfter + " seconds"));
			}
		}
		FakeFault fault = this.faults.next(operation, version != null);
		FakeWire.Exchange exchange = new FakeWire.Exchange(request, response, version != null,
				UUID.randomUUID().toString(), fault != null && fault.resetAfterProcessing());
		response.header("Msh-Request-Id", exchange.requestId());
		String retiring = this.faults.sunset();
		if (retiring != null) {
			response.header("Deprecation", "true").header("Sunset", retiring);
		}
		Mono<Void> answer = Mono.defer(() -> {
			if (fault != null && fault.reset()) {
				return exchange.drop();
			}
			if (fault != null && fault.status() != 0) {
				fault.headers().forEach(response::header);
				return FakeWire.send(response, fault.status(), fault.body());
			}
			if (version != null && !version.equals(VERSION)) {
				return exchange.error(400, "invalid_request_error", "Unknown API version " + version, null);
			}
			if (!this.keys.admits(request.requestHeaders().get("Authorization"))) {
				return exchange.error(401, (version != null) ? "authentication_error" : "invalid_authentication_error",
						"Invalid Authentication", null);
			}
			return this.api.answer(exchange, operation);
		});
		Duration wait = this.faults.latency().plus((fault != null) ? fault.delay() : Duration.ZERO);
		Mono<Void> answered = wait.isZero() ? answer : Mono.delay(wait).then(answer);
		return limited ? answered.doFinally((signal) -> this.rateLimiter.released()) : answered;
	}

	@Override
	public String toString() {
		return "MoonshotFakeServer[" + baseUrl() + "]";
	}

}
