package dev.moonshot.spring.test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.moonshot.spring.client.model.FilePurpose;
import dev.moonshot.spring.client.model.FileUsage;
import dev.moonshot.spring.client.MoonshotApiVersion;
import dev.moonshot.spring.client.MoonshotClientDefaults;
import dev.moonshot.spring.client.MoonshotConnectionPools;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpData;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
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
 * cannot stop it.
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

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String ID_ALPHABET = "0123456789abcdefghijklmnopqrstuv";

	private final String apiKey;

	private final LoopResources loops;

	/** The event loops and connections of the clients {@link #client()} makes: the fake's own, as its server's. */
	private final LoopResources clientLoops;

	private final ConnectionProvider clientConnections;

	private final DisposableServer server;

	private final Map<String, FakeFile> files = new LinkedHashMap<>();

	private final Map<FakeOperation, Deque<FakeFault>> faults = new EnumMap<>(FakeOperation.class);

	private final Map<FakeOperation, AtomicInteger> requests = new EnumMap<>(FakeOperation.class);

	/** How many of an operation's next requests without a version header get the rollout 400. */
	private final Map<FakeOperation, AtomicInteger> rolloutFaults = new EnumMap<>(FakeOperation.class);

	private volatile Duration latency = Duration.ZERO;

	private final Map<String, Integer> pageTokens = new HashMap<>();

	private final Map<String, Replay> idempotencyKeys = new HashMap<>();

	private volatile @Nullable String sunset;

	private @Nullable FakeRateLimit rateLimit;

	private double tokens;

	private long refilledAtNanos;

	private int inFlight;

	private final AtomicInteger rateLimited = new AtomicInteger();

	private MoonshotFakeServer(String apiKey) {
		this.apiKey = apiKey;
		for (FakeOperation operation : FakeOperation.values()) {
			this.faults.put(operation, new ArrayDeque<>());
			this.requests.put(operation, new AtomicInteger());
			this.rolloutFaults.put(operation, new AtomicInteger());
		}
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
	 * The key the fake accepts, to use as {@code moonshot.api-key}.
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
	public dev.moonshot.spring.client.MoonshotFilesClient client() {
		HttpClient http = HttpClient.create(this.clientConnections)
			.runOn(this.clientLoops)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) MoonshotClientDefaults.CONNECT_TIMEOUT.toMillis());
		return dev.moonshot.spring.client.MoonshotFilesClient.builder()
			.baseUrl(baseUrl())
			.apiKey(this.apiKey)
			.webClientBuilder(WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)))
			.retry(dev.moonshot.spring.client.MoonshotRetrySettings.disabled())
			.build();
	}

	/**
	 * The stored files, in upload order.
	 * @return a snapshot of the files
	 */
	public synchronized List<FakeFile> files() {
		return List.copyOf(this.files.values());
	}

	/**
	 * Store a file as if it had been uploaded.
	 * @param filename its name
	 * @param purpose its purpose on the wire, e.g. {@code file-extract}
	 * @param text its content (and extracted text)
	 * @param createdAt when it was "uploaded", e.g. weeks ago for a retention test
	 * @return the stored file
	 */
	public synchronized FakeFile seed(String filename, String purpose, String text, Instant createdAt) {
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
	public synchronized FakeFile seedInProject(String project, String filename, String purpose, String text,
			Instant createdAt) {
		byte[] content = text.getBytes(StandardCharsets.UTF_8);
		FakeFile file = new FakeFile(newId(), filename, purpose, content.length, createdAt, content, project);
		this.files.put(file.id(), file);
		return file;
	}

	/**
	 * Store a file of a given size without keeping its content, to fill the account's storage quota in a test.
	 * @param filename its name
	 * @param purpose its purpose on the wire
	 * @param bytes the size it is reported and counted with
	 * @param createdAt when it was "uploaded"
	 * @return the stored file (its content is empty)
	 */
	public synchronized FakeFile seedOfSize(String filename, String purpose, long bytes, Instant createdAt) {
		FakeFile file = new FakeFile(newId(), filename, purpose, bytes, createdAt, new byte[0], PROJECT);
		this.files.put(file.id(), file);
		return file;
	}

	/**
	 * Inject a fault into the next calls of an operation.
	 * @param operation which operation
	 * @param times how many of its next calls
	 * @param fault what to do instead
	 * @return this fake
	 */
	public synchronized MoonshotFakeServer failNext(FakeOperation operation, int times, FakeFault fault) {
		for (int i = 0; i < times; i++) {
			this.faults.get(operation).add(fault);
		}
		return this;
	}

	/**
	 * Announce that the API version is being retired: every answer from now on carries {@code Deprecation: true}
	 * and {@code Sunset: <date>}.
	 * @param sunset the retirement date, e.g. {@code 2027-03-01}; {@code null} to stop announcing
	 * @return this fake
	 */
	public MoonshotFakeServer deprecate(@Nullable String sunset) {
		this.sunset = sunset;
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
		this.rolloutFaults.get(operation).addAndGet(times);
		return this;
	}

	/**
	 * Limit the rate of the whole organization, as the provider does: every client of this fake shares it.
	 * @param limit the limit, or {@code null} for none
	 * @return this fake
	 */
	public synchronized MoonshotFakeServer rateLimit(@Nullable FakeRateLimit limit) {
		this.rateLimit = limit;
		this.tokens = (limit != null) ? limit.burst() : 0;
		this.refilledAtNanos = System.nanoTime();
		this.inFlight = 0;
		return this;
	}

	/**
	 * How many requests the rate limit answered with 429.
	 * @return the count
	 */
	public int rateLimitedCount() {
		return this.rateLimited.get();
	}

	/**
	 * Delay every answer, as a distant provider would.
	 * @param latency the delay, zero for none
	 * @return this fake
	 */
	public MoonshotFakeServer latency(Duration latency) {
		this.latency = latency;
		return this;
	}

	/**
	 * How many requests an operation received, refused ones included.
	 * @param operation the operation
	 * @return the count
	 */
	public int requestCount(FakeOperation operation) {
		return this.requests.get(operation).get();
	}

	/**
	 * Forget every file, fault, count and latency.
	 */
	public synchronized void reset() {
		this.files.clear();
		this.faults.values().forEach(Deque::clear);
		this.rolloutFaults.values().forEach((count) -> count.set(0));
		this.requests.values().forEach((count) -> count.set(0));
		this.latency = Duration.ZERO;
		this.pageTokens.clear();
		this.idempotencyKeys.clear();
		this.sunset = null;
		this.rateLimited.set(0);
		rateLimit(null);
	}

	@Override
	public void close() {
		this.clientConnections.disposeLater().block(Duration.ofSeconds(10));
		this.clientLoops.disposeLater(Duration.ZERO, Duration.ofSeconds(10)).block(Duration.ofSeconds(10));
		this.server.disposeNow();
		// no quiet period: the server is closed, so no task can still arrive on its loop (Netty's default waits 2 s)
		this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(10)).block(Duration.ofSeconds(10));
	}

	private Publisher<Void> handle(FakeOperation operation, HttpServerRequest request, HttpServerResponse response) {
		this.requests.get(operation).incrementAndGet();
		String version = request.requestHeaders().get(MoonshotApiVersion.HEADER);
		FakeRateLimit limit = this.rateLimit;
		if (limit != null) {
			Mono<Void> refused = admit(limit, response);
			if (refused != null) {
				return refused;
			}
		}
		// the rollout 400 answers a request without a version header, and leaves the queued faults alone
		boolean rollout = version == null
				&& this.rolloutFaults.get(operation).getAndUpdate((n) -> Math.max(0, n - 1)) > 0;
		FakeFault fault = rollout ? null : nextFault(operation);
		Exchange exchange = new Exchange(request, response, version != null, UUID.randomUUID().toString(),
				fault != null && fault.resetAfterProcessing());
		response.header("Msh-Request-Id", exchange.requestId());
		String retiring = this.sunset;
		if (retiring != null) {
			response.header("Deprecation", "true").header("Sunset", retiring);
		}
		Mono<Void> answer = Mono.defer(() -> {
			if (fault != null && fault.reset()) {
				return Mono.fromRunnable(() -> request.withConnection(Connection::dispose));
			}
			if (rollout) {
				return send(response, 400, errorBody("invalid_request_error",
						"missing required header Kimi-Api-Version"));
			}
			if (fault != null && fault.status() != 0) {
				fault.headers().forEach(response::header);
				return send(response, fault.status(), fault.body());
			}
			if (version != null && !version.equals(VERSION)) {
				return exchange.error(400, "invalid_request_error", "Unknown API version " + version, null);
			}
			if (!("Bearer " + this.apiKey).equals(request.requestHeaders().get("Authorization"))) {
				return exchange.error(401, version != null ? "authentication_error" : "invalid_authentication_error",
						"Invalid Authentication", null);
			}
			return answer(exchange, operation);
		});
		Duration wait = this.latency.plus((fault != null) ? fault.delay() : Duration.ZERO);
		Mono<Void> answered = wait.isZero() ? answer : Mono.delay(wait).then(answer);
		return (limit != null) ? answered.doFinally((signal) -> released()) : answered;
	}

	/**
	 * Take a token and a place for a request, or answer 429 with the provider's headers.
	 * @return the 429 answer, or {@code null} when the request is admitted
	 */
	private synchronized @Nullable Mono<Void> admit(FakeRateLimit limit, HttpServerResponse response) {
		long now = System.nanoTime();
		this.tokens = Math.min(limit.burst(),
				this.tokens + (now - this.refilledAtNanos) / 1e9 * limit.requestsPerSecond());
		this.refilledAtNanos = now;
		boolean admitted = this.tokens >= 1 && this.inFlight < limit.maxConcurrent();
		if (limit.rateLimitHeaders()) {
			response.header("X-RateLimit-Limit", String.valueOf(Math.round(limit.requestsPerSecond() * 60)))
				.header("X-RateLimit-Remaining", String.valueOf((int) Math.max(0, this.tokens - (admitted ? 1 : 0))))
				.header("X-RateLimit-Reset", String.valueOf((long) Math.ceil(
						(limit.burst() - this.tokens + (admitted ? 1 : 0)) / limit.requestsPerSecond())));
		}
		if (admitted) {
			this.tokens -= 1;
			this.inFlight++;
			return null;
		}
		this.rateLimited.incrementAndGet();
		double secondsToToken = (this.tokens >= 1) ? 0 : (1 - this.tokens) / limit.requestsPerSecond();
		long retryAfter = Math.max(1, (long) Math.ceil(secondsToToken));
		response.header("Retry-After", String.valueOf(retryAfter));
		return send(response, 429, errorBody("rate_limit_reached_error",
				"Your account reached its rate limit, please try again after " + retryAfter + " seconds"));
	}

	private synchronized void released() {
		this.inFlight = Math.max(0, this.inFlight - 1);
	}

	private Mono<Void> answer(Exchange exchange, FakeOperation operation) {
		return switch (operation) {
			case UPLOAD -> upload(exchange);
			case LIST -> list(exchange);
			case RETRIEVE -> withFile(exchange, (file) -> exchange.send(200, fileJson(file, exchange)));
			case CONTENT -> withFile(exchange, (file) -> content(exchange, file));
			case DELETE -> delete(exchange);
		};
	}

	private synchronized @Nullable FakeFault nextFault(FakeOperation operation) {
		return this.faults.get(operation).poll();
	}

	private Mono<Void> upload(Exchange exchange) {
		HttpServerRequest request = exchange.request();
		HttpServerResponse response = exchange.response();
		if (!request.isMultipart()) {
			return exchange.error(400, "invalid_request_error", "Expected multipart/form-data", null);
		}
		String idempotencyKey = request.requestHeaders().get("Idempotency-Key");
		Map<String, Object> parts = new LinkedHashMap<>();
		return request.receiveForm().doOnNext((data) -> parts.put(data.getName(), read(data))).then(Mono.defer(() -> {
			Object purpose = parts.get("purpose");
			Object file = parts.get("file");
			if (!(file instanceof Upload upload)) {
				return exchange.error(400, exchange.versioned() ? "invalid_parameter_error" : "invalid_request_error",
						"No file was uploaded", "file");
			}
			if (!(purpose instanceof String value) || FilePurpose.fromValue(value) == null) {
				return exchange.error(400, exchange.versioned() ? "invalid_parameter_error" : "invalid_request_error",
						"Invalid purpose", "purpose");
			}
			if (upload.content().length == 0) {
				return exchange.error(400, "invalid_request_error", "File size is zero", "file");
			}
			if (upload.content().length > MAX_FILE_BYTES) {
				return exchange.error(400, "invalid_request_error", "File size is too large, max file size is 100MB",
						"file");
			}
			String digest = upload.filename() + '\n' + purpose + '\n' + Arrays.hashCode(upload.content());
			FakeFile stored;
			synchronized (this) {
				Replay replay = (exchange.versioned() && idempotencyKey != null)
						? this.idempotencyKeys.get(idempotencyKey) : null;
				if (replay != null) {
					if (!replay.digest().equals(digest)) {
						return exchange.error(409, "conflict_error",
								"Idempotency-Key " + idempotencyKey + " was used with another request body", null);
					}
					FakeFile first = this.files.get(replay.fileId());
					if (first != null) {
						return exchange.send(201, fileJson(first, exchange));
					}
				}
				if (this.files.size() >= MAX_FILES) {
					return exchange.error(400,
							exchange.versioned() ? "failed_precondition_error" : "invalid_request_error",
							"The number of files you have uploaded exceeded the max file count " + MAX_FILES
									+ ", please delete previous uploaded files",
							null);
				}
				long total = this.files.values().stream().mapToLong(FakeFile::bytes).sum();
				if (total + upload.content().length > MAX_TOTAL_BYTES) {
					return exchange.error(400,
							exchange.versioned() ? "failed_precondition_error" : "invalid_request_error",
							"The total size of the files you have uploaded exceeded the max total size 10GB, please "
									+ "delete previous uploaded files",
							null);
				}
				// the versioned API's ids have another form: ids are opaque, and the client must not care
				stored = new FakeFile(exchange.versioned() ? "file_" + newId() : newId(), upload.filename(),
						(String) purpose, upload.content().length, Instant.now(), upload.content(), PROJECT);
				this.files.put(stored.id(), stored);
				if (exchange.versioned() && idempotencyKey != null) {
					this.idempotencyKeys.put(idempotencyKey, new Replay(digest, stored.id()));
				}
			}
			return exchange.send(exchange.versioned() ? 201 : 200, fileJson(stored, exchange));
		}));
	}

	private Mono<Void> delete(Exchange exchange) {
		String id = exchange.request().param("id");
		FakeFile removed;
		synchronized (this) {
			FakeFile file = (id != null) ? this.files.get(id) : null;
			removed = (file != null && exchange.sees(file)) ? this.files.remove(id) : null;
		}
		if (removed == null) {
			return notFound(exchange);
		}
		if (exchange.versioned()) {
			return exchange.dropAnswer() ? exchange.drop() : exchange.response().status(204).send();
		}
		Map<String, Object> deleted = new LinkedHashMap<>();
		deleted.put("id", removed.id());
		deleted.put("object", "file");
		deleted.put("deleted", true);
		return exchange.send(200, json(deleted));
	}

	private Mono<Void> content(Exchange exchange, FakeFile file) {
		if (!FilePurpose.FILE_EXTRACT.value().equals(file.purpose())) {
			return exchange.error(400, exchange.versioned() ? "failed_precondition_error" : "invalid_request_error",
					"Only files uploaded with purpose file-extract have extracted content", null);
		}
		if (exchange.versioned()) {
			return exchange.send(200, json(Map.of("content", file.text())));
		}
		if (exchange.dropAnswer()) {
			return exchange.drop();
		}
		return exchange.response()
			.status(200)
			.header("Content-Type", "text/plain; charset=utf-8")
			.sendByteArray(Mono.just(file.content()))
			.then();
	}

	private Mono<Void> withFile(Exchange exchange, java.util.function.Function<FakeFile, Mono<Void>> action) {
		String id = exchange.request().param("id");
		FakeFile file;
		synchronized (this) {
			file = (id != null) ? this.files.get(id) : null;
		}
		return (file != null && exchange.sees(file)) ? action.apply(file) : notFound(exchange);
	}

	private static Mono<Void> notFound(Exchange exchange) {
		return exchange.error(404, "resource_not_found_error", "File not found", null);
	}

	private Mono<Void> list(Exchange exchange) {
		if (!exchange.versioned()) {
			List<Map<String, Object>> data = new ArrayList<>();
			synchronized (this) {
				this.files.values().forEach((file) -> data.add(fileMap(file, false)));
			}
			Map<String, Object> list = new LinkedHashMap<>();
			list.put("object", "list");
			list.put("data", data);
			return exchange.send(200, json(list));
		}
		QueryStringDecoder query = new QueryStringDecoder(exchange.request().uri());
		String sizeParameter = first(query, "page_size");
		String token = first(query, "page_token");
		int pageSize;
		try {
			pageSize = (sizeParameter != null) ? Integer.parseInt(sizeParameter) : Integer.MAX_VALUE;
		}
		catch (NumberFormatException ex) {
			pageSize = 0;
		}
		if (pageSize < 1 || (sizeParameter != null && pageSize > 1000)) {
			return exchange.error(400, "invalid_parameter_error", "page_size must be between 1 and 1000",
					"page_size");
		}
		Map<String, Object> page = new LinkedHashMap<>();
		synchronized (this) {
			Integer offset = (token != null) ? this.pageTokens.get(token) : Integer.valueOf(0);
			if (offset == null) {
				return exchange.error(400, "invalid_parameter_error", "Unknown page_token", "page_token");
			}
			List<FakeFile> visible = this.files.values()
				.stream()
				.filter(exchange::sees)
				.sorted(Comparator.comparing(FakeFile::createdAt).reversed())
				.toList();
			int end = (int) Math.min(visible.size(), (long) offset + pageSize);
			List<Map<String, Object>> items = new ArrayList<>();
			visible.subList(Math.min(offset, visible.size()), end).forEach((file) -> items.add(fileMap(file, true)));
			page.put("items", items);
			if (end < visible.size()) {
				String next = UUID.randomUUID().toString();
				this.pageTokens.put(next, end);
				page.put("next_page_token", next);
			}
		}
		return exchange.send(200, json(page));
	}

	private static @Nullable String first(QueryStringDecoder query, String name) {
		List<String> values = query.parameters().get(name);
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	private static String fileJson(FakeFile file, Exchange exchange) {
		return json(fileMap(file, exchange.versioned()));
	}

	private static Map<String, Object> fileMap(FakeFile file, boolean versioned) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("id", file.id());
		if (versioned) {
			map.put("filename", file.filename());
			map.put("mime_type", MediaTypeFactory.getMediaType(file.filename())
				.orElse(MediaType.APPLICATION_OCTET_STREAM)
				.toString());
			map.put("size_bytes", file.bytes());
			map.put("created_at", file.createdAt().truncatedTo(ChronoUnit.SECONDS).toString());
			map.put("purpose", file.purpose());
			map.put("extract_status", "ready");
			return map;
		}
		map.put("object", "file");
		map.put("bytes", file.bytes());
		map.put("created_at", file.createdAt().getEpochSecond());
		map.put("filename", file.filename());
		map.put("purpose", file.purpose());
		map.put("status", "ok");
		map.put("status_details", "");
		return map;
	}

	static String errorBody(String type, String message) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("message", message);
		error.put("type", type);
		return json(Map.of("error", error));
	}

	private static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

	private static Mono<Void> send(HttpServerResponse response, int status, String body) {
		return response.status(HttpResponseStatus.valueOf(status))
			.header("Content-Type", "application/json")
			.sendString(Mono.just(body))
			.then();
	}

	private static Object read(HttpData data) {
		try {
			if (data instanceof FileUpload upload) {
				return new Upload(upload.getFilename(), upload.get());
			}
			return data.getString(StandardCharsets.UTF_8);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static String newId() {
		StringBuilder id = new StringBuilder(20);
		for (int i = 0; i < 20; i++) {
			id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
		}
		return id.toString();
	}

	@Override
	public String toString() {
		return "MoonshotFakeServer[" + baseUrl() + "]";
	}

	private record Upload(String filename, byte[] content) {

	}

	/** What an idempotency key was first used for. */
	private record Replay(String digest, String fileId) {

	}

	/**
	 * One request, and the protocol it asked for.
	 */
	private record Exchange(HttpServerRequest request, HttpServerResponse response, boolean versioned,
			String requestId, boolean dropAnswer) {

		/** Answer, unless the answer is to be dropped after processing. */
		Mono<Void> send(int status, String body) {
			return this.dropAnswer ? drop() : MoonshotFakeServer.send(this.response, status, body);
		}

		Mono<Void> drop() {
			return Mono.fromRunnable(() -> this.request.withConnection(Connection::dispose));
		}

		/** Whether the key sees a file: the organization's without a version, its project's with one. */
		boolean sees(FakeFile file) {
			return !this.versioned || PROJECT.equals(file.project());
		}

		Mono<Void> error(int status, String type, String message, @Nullable String param) {
			if (!this.versioned) {
				return send(status, errorBody(type, message));
			}
			Map<String, Object> error = new LinkedHashMap<>();
			error.put("type", type);
			error.put("message", message);
			error.put("request_id", this.requestId);
			if (param != null) {
				error.put("param", param);
			}
			return send(status, json(Map.of("error", error)));
		}

	}

}
