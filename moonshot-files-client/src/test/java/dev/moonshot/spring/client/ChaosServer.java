package dev.moonshot.spring.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A loopback Files API that answers each attempt with a fault drawn from a seeded random mix: successes in the shape
 * the request asked for (the versioned API when it sent {@code kimi-api-version}), 5xx, 429 with and without
 * {@code Retry-After}, quota 429, 404, resets before and after the headers, truncated bodies, answers slower than
 * the response timeout, HTML pages echoing the request's {@code Authorization} header, malformed and oversized
 * bodies. The fault of an attempt depends only on the seed, the call (the {@code X-Soak-Call} header), the request
 * line and which attempt of it this is, so that a seed replays the same faults whatever the interleaving.
 */
final class ChaosServer implements AutoCloseable {

	/** What an attempt gets, with how often (weights in tenths of a percent). */
	enum Fault {

		OK(700), SERVER_ERROR(50), RATE_LIMITED(30), RATE_LIMITED_RETRY_AFTER(20), QUOTA_EXCEEDED(5), NOT_FOUND(15),
		RESET_BEFORE_HEADERS(30), RESET_AFTER_HEADERS(15), TRUNCATED_BODY(20), SLOW(15), HTML_OK(20),
		HTML_BAD_GATEWAY(15), MALFORMED_OK(20), OVERSIZED_OK(2), OVERSIZED_ERROR(3);

		final int weight;

		Fault(int weight) {
			this.weight = weight;
		}

		/** Whether the answer ends a call's attempts and refills the retry budget: a success, or a final answer. */
		boolean healthy() {
			return this == OK || this == NOT_FOUND || this == QUOTA_EXCEEDED;
		}

	}

	static final String CALL_HEADER = "X-Soak-Call";

	/** More than the client reads into memory (16 MiB): shared by every oversized answer, never copied. */
	private static final byte[] OVERSIZED = filled(17 * 1024 * 1024, (byte) ' ');

	private static final byte[] OVERSIZED_ERROR = filled(1024 * 1024, (byte) 'x');

	private static final int[] SERVER_ERRORS = { 500, 502, 503 };

	private static final int TOTAL_WEIGHT = Arrays.stream(Fault.values()).mapToInt((fault) -> fault.weight).sum();

	private final long seed;

	private final Duration slowBy;

	private final LoopbackHttpServer server;

	private final Map<Fault, LongAdder> served = new EnumMap<>(Fault.class);

	private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger maxInFlight = new AtomicInteger();

	/**
	 * @param seed the seed of the faults
	 * @param slowBy how long a slow answer takes: more than the client's response timeout
	 */
	ChaosServer(long seed, Duration slowBy) {
		this.seed = seed;
		this.slowBy = slowBy;
		for (Fault fault : Fault.values()) {
			this.served.put(fault, new LongAdder());
		}
		this.server = new LoopbackHttpServer(this::handle);
	}

	String baseUrl() {
		return this.server.baseUrl();
	}

	/** How many attempts got each fault. */
	Map<Fault, Long> served() {
		Map<Fault, Long> counts = new EnumMap<>(Fault.class);
		this.served.forEach((fault, count) -> counts.put(fault, count.sum()));
		return counts;
	}

	long requests() {
		return this.served.values().stream().mapToLong(LongAdder::sum).sum();
	}

	/** Answers that refill a retry budget, at most: successes and final answers (404, quota). */
	long healthyAnswers() {
		return this.served.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().healthy())
			.mapToLong((entry) -> entry.getValue().sum())
			.sum();
	}

	int maxInFlight() {
		return this.maxInFlight.get();
	}

	void reset() {
		this.served.values().forEach(LongAdder::reset);
		this.attempts.clear();
		this.maxInFlight.set(0);
	}

	private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		int now = this.inFlight.incrementAndGet();
		this.maxInFlight.accumulateAndGet(now, Math::max);
		// the request's body first (an upload's), as a server reads it before it answers
		return request.receive()
			.then(Mono.defer(() -> answer(request, response)))
			.doFinally((signal) -> this.inFlight.decrementAndGet());
	}

	private Mono<Void> answer(HttpServerRequest request, HttpServerResponse response) {
		String call = request.requestHeaders().get(CALL_HEADER, "-");
		String target = request.method().name() + " " + request.uri();
		int attempt = this.attempts.computeIfAbsent(call + " " + target, (key) -> new AtomicInteger()).incrementAndGet();
		SplittableRandom random = new SplittableRandom(mix(this.seed, mix(call.hashCode(), target.hashCode()), attempt));
		Fault fault = pick(random);
		this.served.get(fault).increment();
		boolean versioned = request.requestHeaders().contains(MoonshotApiVersion.HEADER);
		Answer ok = success(request, versioned, random);
		return switch (fault) {
			case OK -> send(response, ok);
			case SERVER_ERROR -> send(response, error(SERVER_ERRORS[random.nextInt(SERVER_ERRORS.length)], "server_error",
					"soak: the server failed"));
			case RATE_LIMITED -> send(response, error(429, "rate_limit_reached_error", "soak: too many requests"));
			case RATE_LIMITED_RETRY_AFTER -> {
				String retryAfter = switch (random.nextInt(10)) {
					case 0 -> "1";
					case 1, 2 -> DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusSeconds(5));
					default -> "0";
				};
				response.header("Retry-After", retryAfter);
				yield send(response, error(429, "rate_limit_reached_error", "soak: too many requests"));
			}
			case QUOTA_EXCEEDED -> send(response, error(429, "exceeded_current_quota_error", "soak: quota exceeded"));
			case NOT_FOUND -> send(response, error(404, "resource_not_found_error", "soak: no such file"));
			case RESET_BEFORE_HEADERS -> reset(request);
			case RESET_AFTER_HEADERS -> response.status(200)
				.header("Content-Type", ok.contentType())
				.header("Content-Length", "100")
				.sendHeaders()
				.then()
				.then(reset(request));
			case TRUNCATED_BODY -> {
				// a body that is there (a 204 has none to cut short)
				Answer full = (ok.body().length > 0) ? ok : Answer.json(200, "{\"id\":\"x\",\"object\":\"file\",\"deleted\":true}");
				yield response.status(full.status())
					.header("Content-Type", full.contentType())
					.header("Content-Length", String.valueOf(full.body().length + 64))
					.sendByteArray(Mono.just(full.body()))
					.then()
					.then(reset(request));
			}
			case SLOW -> Mono.delay(this.slowBy).then(send(response, ok));
			case HTML_OK -> send(response, echo(200, request));
			case HTML_BAD_GATEWAY -> send(response, echo(502, request));
			case MALFORMED_OK -> send(response, malformed(request, versioned, random));
			case OVERSIZED_OK -> send(response, new Answer(200, ok.contentType(), OVERSIZED));
			case OVERSIZED_ERROR -> send(response, new Answer(500, "text/plain", OVERSIZED_ERROR));
		};
	}

	/** An answer to send. */
	record Answer(int status, String contentType, byte[] body) {

		static Answer json(int status, String json) {
			return new Answer(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
		}

	}

	private static Mono<Void> send(HttpServerResponse response, Answer answer) {
		response.status(answer.status());
		if (answer.body().length == 0) {
			return response.send();
		}
		return response.header("Content-Type", answer.contentType())
			.send(Mono.just(Unpooled.wrappedBuffer(answer.body())))
			.then();
	}

	/** Close the connection with a reset (RST), not an orderly close. */
	private static Mono<Void> reset(HttpServerRequest request) {
		return Mono.fromRunnable(() -> request.withConnection((connection) -> {
			connection.channel().config().setOption(ChannelOption.SO_LINGER, 0);
			connection.channel().close();
		}));
	}

	/** The answer a healthy provider gives, in the shape asked for. */
	private Answer success(HttpServerRequest request, boolean versioned, SplittableRandom random) {
		String path = request.fullPath();
		String method = request.method().name();
		if (path.equals("/v1/files") && method.equals("POST")) {
			return Answer.json(200, file("file-up-" + random.nextInt(1_000_000), versioned));
		}
		if (path.equals("/v1/files")) {
			if (!versioned) {
				return Answer.json(200, "{\"object\":\"list\",\"data\":[" + file("file-a", false) + ","
						+ file("file-b", false) + "]}");
			}
			boolean first = !request.uri().contains("page_token=");
			return Answer.json(200, "{\"items\":[" + file(first ? "file-a" : "file-b", true) + "]"
					+ (first ? ",\"next_page_token\":\"page-2\"" : "") + "}");
		}
		String id = path.substring("/v1/files/".length());
		if (id.endsWith("/content")) {
			String text = "soak text of " + id.substring(0, id.length() - "/content".length()) + " \u00e9\u4e2d";
			return versioned ? Answer.json(200, "{\"content\":\"" + text + "\",\"pages\":1}")
					: new Answer(200, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
		}
		if (method.equals("DELETE")) {
			return versioned ? new Answer(204, "application/json", new byte[0])
					: Answer.json(200, "{\"id\":\"" + id + "\",\"object\":\"file\",\"deleted\":true}");
		}
		return Answer.json(200, file(id, versioned));
	}

	/** A 200 whose body breaks the documented shape: a wrong type, a missing field, bytes that are not UTF-8. */
	private static Answer malformed(HttpServerRequest request, boolean versioned, SplittableRandom random) {
		String path = request.fullPath();
		if (path.endsWith("/content")) {
			return versioned ? Answer.json(200, "{\"pages\":1}")
					: new Answer(200, "text/plain; charset=utf-8", new byte[] { 'a', (byte) 0xC3, 'b' });
		}
		if (request.method().name().equals("DELETE")) {
			return Answer.json(200, random.nextBoolean() ? "{\"id\":\"x\",\"object\":\"file\",\"deleted\":\"yes\"}"
					: "{\"id\":\"x\",\"object\":\"file\"}");
		}
		if (path.equals("/v1/files") && request.method().name().equals("GET")) {
			return Answer.json(200, versioned ? "{\"items\":{}}" : "{\"object\":\"list\",\"data\":[{\"id\":1}]}");
		}
		return Answer.json(200, random.nextBoolean() ? "{\"id\":\"x\",\"bytes\":\"12\"}" : "{\"id\":\"x\"}");
	}

	/** A gateway's page that quotes the request, its Authorization header included. */
	private static Answer echo(int status, HttpServerRequest request) {
		String html = "<html><body><h1>" + status + "</h1><pre>" + request.method().name() + " " + request.uri()
				+ "\nAuthorization: " + request.requestHeaders().get("Authorization") + "\n</pre></body></html>";
		return new Answer(status, "text/html", html.getBytes(StandardCharsets.UTF_8));
	}

	private static Answer error(int status, String type, String message) {
		return Answer.json(status, "{\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}");
	}

	private static String file(String id, boolean versioned) {
		return versioned
				? "{\"id\":\"" + id + "\",\"filename\":\"soak.txt\",\"mime_type\":\"text/plain\",\"size_bytes\":4,"
						+ "\"created_at\":\"2026-12-02T10:00:00Z\",\"purpose\":\"file-extract\",\"extract_status\":\"ready\"}"
				: "{\"id\":\"" + id + "\",\"object\":\"file\",\"bytes\":4,\"created_at\":1764669600,"
						+ "\"filename\":\"soak.txt\",\"purpose\":\"file-extract\",\"status\":\"ok\",\"status_details\":\"\"}";
	}

	private static Fault pick(SplittableRandom random) {
		int roll = random.nextInt(TOTAL_WEIGHT);
		for (Fault fault : Fault.values()) {
			roll -= fault.weight;
			if (roll < 0) {
				return fault;
			}
		}
		throw new IllegalStateException("weights do not add up");
	}

	/** A 64-bit mix of several values (SplitMix64's finalizer over their combination). */
	static long mix(long... values) {
		long h = 0x9E3779B97F4A7C15L;
		for (long value : values) {
			h ^= value;
			h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
			h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
			h ^= h >>> 31;
		}
		return h;
	}

	private static byte[] filled(int size, byte value) {
		byte[] bytes = new byte[size];
		Arrays.fill(bytes, value);
		return bytes;
	}

	@Override
	public void close() {
		this.server.close();
	}

}
