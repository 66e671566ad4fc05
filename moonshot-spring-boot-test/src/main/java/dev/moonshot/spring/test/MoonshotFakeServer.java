package dev.moonshot.spring.test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.moonshot.spring.client.FilePurpose;
import dev.moonshot.spring.client.FileUsage;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpData;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.json.JsonMapper;

/**
 * An in-memory fake of the Moonshot Files API on a random loopback port, for tests and offline runs.
 * <p>
 * It behaves like the provider: the same JSON shapes, a {@code Msh-Request-Id} on every response, the Bearer key
 * checked (401 with the provider's error body when wrong), 404 for unknown ids, the account limits enforced with the
 * provider's error bodies (1,000 files, 100 MiB per file, 10 GiB in all), and the content of a {@code file-extract}
 * upload returned as its text. Tests can inspect and seed the stored files, inject faults into the next calls of an
 * operation, and add a steady latency.
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

	private final DisposableServer server;

	private final Map<String, FakeFile> files = new LinkedHashMap<>();

	private final Map<FakeOperation, Deque<FakeFault>> faults = new EnumMap<>(FakeOperation.class);

	private final Map<FakeOperation, AtomicInteger> requests = new EnumMap<>(FakeOperation.class);

	private volatile Duration latency = Duration.ZERO;

	private MoonshotFakeServer(String apiKey) {
		this.apiKey = apiKey;
		for (FakeOperation operation : FakeOperation.values()) {
			this.faults.put(operation, new ArrayDeque<>());
			this.requests.put(operation, new AtomicInteger());
		}
		this.loops = LoopResources.create("moonshot-fake", 1, true);
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
	 * A client for this fake, without retries (so that injected faults show as they are).
	 * @return a new client
	 */
	public dev.moonshot.spring.client.MoonshotFilesClient client() {
		return dev.moonshot.spring.client.MoonshotFilesClient.builder()
			.baseUrl(baseUrl())
			.apiKey(this.apiKey)
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
		byte[] content = text.getBytes(StandardCharsets.UTF_8);
		FakeFile file = new FakeFile(newId(), filename, purpose, content.length, createdAt, content);
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
		FakeFile file = new FakeFile(newId(), filename, purpose, bytes, createdAt, new byte[0]);
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
		this.requests.values().forEach((count) -> count.set(0));
		this.latency = Duration.ZERO;
	}

	@Override
	public void close() {
		this.server.disposeNow();
		// no quiet period: the server is closed, so no task can still arrive on its loop (Netty's default waits 2 s)
		this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(10)).block(Duration.ofSeconds(10));
	}

	private Publisher<Void> handle(FakeOperation operation, HttpServerRequest request, HttpServerResponse response) {
		this.requests.get(operation).incrementAndGet();
		response.header("Msh-Request-Id", UUID.randomUUID().toString());
		FakeFault fault = nextFault(operation);
		Mono<Void> answer = Mono.defer(() -> {
			if (fault != null && fault.reset()) {
				return Mono.fromRunnable(() -> request.withConnection(Connection::dispose));
			}
			if (fault != null && fault.status() != 0) {
				fault.headers().forEach(response::header);
				return send(response, fault.status(), fault.body());
			}
			if (!("Bearer " + this.apiKey).equals(request.requestHeaders().get("Authorization"))) {
				return send(response, 401, errorBody("invalid_authentication_error", "Invalid Authentication"));
			}
			return switch (operation) {
				case UPLOAD -> upload(request, response);
				case LIST -> send(response, 200, listJson());
				case RETRIEVE -> withFile(request, response, (file) -> send(response, 200, fileJson(file)));
				case CONTENT -> withFile(request, response, (file) -> content(response, file));
				case DELETE -> delete(request, response);
			};
		});
		Duration wait = this.latency.plus((fault != null) ? fault.delay() : Duration.ZERO);
		return wait.isZero() ? answer : Mono.delay(wait).then(answer);
	}

	private synchronized @Nullable FakeFault nextFault(FakeOperation operation) {
		return this.faults.get(operation).poll();
	}

	private Mono<Void> upload(HttpServerRequest request, HttpServerResponse response) {
		if (!request.isMultipart()) {
			return send(response, 400, errorBody("invalid_request_error", "Expected multipart/form-data"));
		}
		Map<String, Object> parts = new LinkedHashMap<>();
		return request.receiveForm().doOnNext((data) -> parts.put(data.getName(), read(data))).then(Mono.defer(() -> {
			Object purpose = parts.get("purpose");
			Object file = parts.get("file");
			if (!(file instanceof Upload upload)) {
				return send(response, 400, errorBody("invalid_request_error", "No file was uploaded"));
			}
			if (!(purpose instanceof String value) || FilePurpose.fromValue(value) == null) {
				return send(response, 400, errorBody("invalid_request_error", "Invalid purpose"));
			}
			if (upload.content().length == 0) {
				return send(response, 400, errorBody("invalid_request_error", "File size is zero"));
			}
			if (upload.content().length > MAX_FILE_BYTES) {
				return send(response, 400,
						errorBody("invalid_request_error", "File size is too large, max file size is 100MB"));
			}
			FakeFile stored;
			synchronized (this) {
				if (this.files.size() >= MAX_FILES) {
					return send(response, 400, errorBody("invalid_request_error", "The number of files you have "
							+ "uploaded exceeded the max file count " + MAX_FILES
							+ ", please delete previous uploaded files"));
				}
				long total = this.files.values().stream().mapToLong(FakeFile::bytes).sum();
				if (total + upload.content().length > MAX_TOTAL_BYTES) {
					return send(response, 400, errorBody("invalid_request_error", "The total size of the files you "
							+ "have uploaded exceeded the max total size 10GB, please delete previous uploaded files"));
				}
				stored = new FakeFile(newId(), upload.filename(), (String) purpose, upload.content().length,
						Instant.now(), upload.content());
				this.files.put(stored.id(), stored);
			}
			return send(response, 200, fileJson(stored));
		}));
	}

	private Mono<Void> delete(HttpServerRequest request, HttpServerResponse response) {
		String id = request.param("id");
		FakeFile removed;
		synchronized (this) {
			removed = (id != null) ? this.files.remove(id) : null;
		}
		if (removed == null) {
			return notFound(response);
		}
		Map<String, Object> deleted = new LinkedHashMap<>();
		deleted.put("id", removed.id());
		deleted.put("object", "file");
		deleted.put("deleted", true);
		return send(response, 200, json(deleted));
	}

	private Mono<Void> content(HttpServerResponse response, FakeFile file) {
		if (!FilePurpose.FILE_EXTRACT.value().equals(file.purpose())) {
			return send(response, 400, errorBody("invalid_request_error",
					"Only files uploaded with purpose file-extract have extracted content"));
		}
		return response.status(200)
			.header("Content-Type", "text/plain; charset=utf-8")
			.sendByteArray(Mono.just(file.content()))
			.then();
	}

	private Mono<Void> withFile(HttpServerRequest request, HttpServerResponse response,
			java.util.function.Function<FakeFile, Mono<Void>> action) {
		String id = request.param("id");
		FakeFile file;
		synchronized (this) {
			file = (id != null) ? this.files.get(id) : null;
		}
		return (file != null) ? action.apply(file) : notFound(response);
	}

	private static Mono<Void> notFound(HttpServerResponse response) {
		return send(response, 404, errorBody("resource_not_found_error", "File not found"));
	}

	private synchronized String listJson() {
		List<Map<String, Object>> data = new ArrayList<>();
		this.files.values().forEach((file) -> data.add(fileMap(file)));
		Map<String, Object> list = new LinkedHashMap<>();
		list.put("object", "list");
		list.put("data", data);
		return json(list);
	}

	private static String fileJson(FakeFile file) {
		return json(fileMap(file));
	}

	private static Map<String, Object> fileMap(FakeFile file) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("id", file.id());
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

}
