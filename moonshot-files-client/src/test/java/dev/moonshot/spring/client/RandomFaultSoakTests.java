package dev.moonshot.spring.client;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import dev.moonshot.spring.client.exception.MoonshotException;
import dev.moonshot.spring.client.model.FileDeleteResponse;
import dev.moonshot.spring.client.model.FileDeletion;
import dev.moonshot.spring.client.model.FileDeletionReport;
import dev.moonshot.spring.client.model.FileObject;
import dev.moonshot.spring.client.model.FilePurpose;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.context.Context;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A soak under random faults: 20,000 calls of every operation, 32 at a time, against a server that answers each
 * attempt with a fault drawn from a seeded mix ({@link ChaosServer}), with the client's timeouts and backoffs divided
 * by 100 (their ratios kept). Every call must end in a value (the right one for that call) or a
 * {@link MoonshotException} within its deadline; afterwards no connection is checked out, the live heap is back
 * where it was, no thread is left over, the retries stayed within the retry budget's bound, and the key is in no
 * exception and no log line. The figures are printed, and written to {@code target/soak-figures.txt}.
 * <p>
 * The seed is printed; {@code -Dmoonshot.soak.seed=...} replays its faults ({@code -Dmoonshot.soak.calls=...}
 * changes the number of calls).
 */
class RandomFaultSoakTests {

	static final String KEY = "sk-soak-6f1c2b9e0d4a4c7e8b3f5a1d2c9e7b40";

	static final long SEED = Long.getLong("moonshot.soak.seed", new SecureRandom().nextLong());

	static final int CALLS = Integer.getInteger("moonshot.soak.calls", 20_000);

	static final int WARM_UP_CALLS = 2_000;

	static final int CONCURRENCY = 32;

	// the client's defaults (10 s, 30 s, 60 s, 5 min, 500 ms to 8 s) divided by 100
	static final Duration CONNECT_TIMEOUT = Duration.ofMillis(100);

	static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(300);

	static final Duration CALL_TIMEOUT = Duration.ofMillis(600);

	static final Duration UPLOAD_TIMEOUT = Duration.ofSeconds(3);

	static final MoonshotRetrySettings RETRY = MoonshotRetrySettings.defaults()
		.withBackoff(Duration.ofMillis(5), Duration.ofMillis(80));

	/** What a call may take past its deadline: the timers' and the two cores' lag under load. */
	static final Duration GRACE = Duration.ofMillis(500);

	/** A call not over by its deadline and this much more has hung. */
	static final Duration HUNG = Duration.ofSeconds(5);

	/** How much more live heap after the soak than before counts as a leak. */
	static final long HEAP_MARGIN = 16L * 1024 * 1024;

	static final String CALL_KEY = "soak-call";

	/** Threads of shared schedulers that are created on first use and bounded (by cores, or by a TTL). */
	static final List<String> BOUNDED_POOLS = List.of("parallel-", "boundedElastic-", "reactor-http-nio-",
			"loopback-server", "soak-");

	private final Map<String, ConnectionPoolMetrics> pools = new ConcurrentHashMap<>();

	private final LongAdder retries = new LongAdder();

	@Test
	void everyCallEndsInAValueOrAMoonshotExceptionWithinItsDeadlineAndNothingLeaks() throws IOException {
		System.out.println("Soak under random faults: seed " + SEED + " (-Dmoonshot.soak.seed=" + SEED
				+ " replays it), " + CALLS + " calls, " + CONCURRENCY + " at a time");
		ConnectionProvider connections = ConnectionProvider.builder("soak")
			.maxConnections(MoonshotClientDefaults.MAX_CONNECTIONS)
			.pendingAcquireMaxCount(-1)
			.maxIdleTime(MoonshotConnectionPools.MAX_IDLE_TIME)
			.evictInBackground(MoonshotConnectionPools.MAX_IDLE_TIME)
			.metrics(true, () -> (poolName, id, address, metrics) -> this.pools.put(id + address, metrics))
			.build();
		KeyWatch keyWatch = KeyWatch.watch();
		try (ChaosServer server = new ChaosServer(SEED, RESPONSE_TIMEOUT.multipliedBy(3).dividedBy(2))) {
			MoonshotFilesClient compatible = client(server, connections, null);
			MoonshotFilesClient versioned = client(server, connections, MoonshotApiVersion.V2026_09_01_BETA);
			Tally warmUp = soak(compatible, versioned, 1_000_000, WARM_UP_CALLS);
			assertThat(warmUp.problems()).as("warm-up").isEmpty();
			awaitNoConnectionCheckedOut();
			server.reset();
			this.retries.reset();
			long heapBefore = liveHeap();
			Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
			long started = System.nanoTime();

			Tally tally = soak(compatible, versioned, 0, CALLS);

			Duration took = Duration.ofNanos(System.nanoTime() - started);
			awaitNoConnectionCheckedOut();
			long retried = this.retries.sum();
			long requests = server.requests();
			long healthy = server.healthyAnswers();
			long bound = 2L * RETRY.budgetCapacity() + (long) Math.ceil(RETRY.budgetRefillPerSuccess() * healthy);
			Map<ChaosServer.Fault, Long> faults = server.served();
			int serverMaxInFlight = server.maxInFlight();
			server.reset();
			List<String> newThreads = new ArrayList<>();
			await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				newThreads.clear();
				newThreads.addAll(newThreads(threadsBefore));
				assertThat(newThreads).as("threads started during the soak that are still alive")
					.allSatisfy((name) -> assertThat(BOUNDED_POOLS).anyMatch(name::startsWith));
			});
			long heapAfter = liveHeap();
			keyWatch.stop();

			String figures = figures(tally, took, requests, retried, healthy, bound, faults, serverMaxInFlight, heapBefore,
					heapAfter, threadsBefore.size(), newThreads, keyWatch);
			System.out.println(figures);
			Files.writeString(Path.of("target", "soak-figures.txt"), figures, StandardCharsets.UTF_8);

			assertThat(tally.problems()).as("calls that hung, ended in another exception, past their deadline, with "
					+ "a wrong value or with the key in their exception").isEmpty();
			assertThat(tally.calls.sum()).isEqualTo(CALLS);
			assertThat(retried).as("retries, within the budget's bound").isLessThanOrEqualTo(bound);
			assertThat(heapAfter - heapBefore).as("live heap growth").isLessThan(HEAP_MARGIN);
			assertThat(newThreads).as("new threads").hasSizeLessThanOrEqualTo(4 * Runtime.getRuntime()
				.availableProcessors() + 8);
			assertThat(keyWatch.leaks()).as("log lines with the key").isEmpty();
			assertThat(keyWatch.lines.sum()).as("log lines checked").isPositive();
		}
		finally {
			keyWatch.stop();
			connections.disposeLater().block(Duration.ofSeconds(10));
		}
	}

	private MoonshotFilesClient client(ChaosServer server, ConnectionProvider connections,
			@Nullable String apiVersion) {
		// each request says which call it belongs to, so that the server's faults follow the seed
		ExchangeFilterFunction callHeader = (request, next) -> Mono.deferContextual((context) -> next
			.exchange(context.hasKey(CALL_KEY) ? ClientRequest.from(request)
				.header(ChaosServer.CALL_HEADER, String.valueOf(context.<Integer>get(CALL_KEY)))
				.build() : request));
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new RetryCounter(this.retries));
		return MoonshotFilesClient.builder()
			.apiKey(KEY)
			.baseUrl(server.baseUrl())
			.allowInsecureHttp(true)
			.webClientBuilder(WebClient.builder()
				.clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)
					.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())))
				.filter(callHeader))
			.responseTimeout(RESPONSE_TIMEOUT)
			.callTimeout(CALL_TIMEOUT)
			.uploadTimeout(UPLOAD_TIMEOUT)
			.retry(RETRY)
			.observationRegistry(observations)
			.apiVersion(apiVersion)
			.build();
	}

	/** Run the calls numbered from {@code first}, {@link #CONCURRENCY} at a time. */
	private Tally soak(MoonshotFilesClient compatible, MoonshotFilesClient versioned, int first, int count) {
		Tally tally = new Tally();
		AtomicInteger inFlight = new AtomicInteger();
		Flux.range(first, count).flatMap((index) -> {
			Call call = Call.of(index, compatible, versioned);
			return Mono.defer(() -> {
				tally.maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
				long start = System.nanoTime();
				return call.invoke()
					.map((value) -> (Object) value)
					.switchIfEmpty(Mono.just("(empty)"))
					.map((value) -> tally.value(call, value, Duration.ofNanos(System.nanoTime() - start)))
					.onErrorResume((failure) -> Mono
						.just(tally.failure(call, failure, Duration.ofNanos(System.nanoTime() - start))))
					.timeout(call.deadline().plus(HUNG), Mono.fromSupplier(() -> tally.hung(call)))
					// before the result goes downstream, where flatMap starts the next call
					.doOnTerminate(inFlight::decrementAndGet);
			}).contextWrite(Context.of(CALL_KEY, index));
		}, CONCURRENCY).blockLast(Duration.ofMinutes(5));
		return tally;
	}

	/** One call of the mix: its operation, what it must return, and by when it must end. */
	record Call(int index, String operation, Supplier<Mono<?>> start, Duration deadline, String expected) {

		Mono<?> invoke() {
			return this.start.get();
		}

		static Call of(int index, MoonshotFilesClient compatible, MoonshotFilesClient versioned) {
			Random random = new Random(ChaosServer.mix(SEED, index));
			boolean isVersioned = random.nextBoolean();
			MoonshotFilesClient client = isVersioned ? versioned : compatible;
			String shape = isVersioned ? " (versioned)" : " (compatible)";
			String id = "file-" + index;
			int roll = random.nextInt(100);
			if (roll < 35) {
				return new Call(index, "delete" + shape, () -> client.delete(id), CALL_TIMEOUT, id);
			}
			if (roll < 55) {
				return new Call(index, "retrieve" + shape, () -> client.retrieve(id), CALL_TIMEOUT, id);
			}
			if (roll < 70) {
				return new Call(index, "content" + shape, () -> client.content(id), CALL_TIMEOUT,
						"soak text of " + id + " \u00e9\u4e2d");
			}
			if (roll < 85) {
				return new Call(index, "upload" + shape, () -> client.upload(new NamedResource("soak-" + index + ".txt"),
						FilePurpose.FILE_EXTRACT), UPLOAD_TIMEOUT, "file-up-");
			}
			if (roll < 95) {
				// the versioned list has two pages, each a call of its own
				return new Call(index, "list" + shape, client::list, CALL_TIMEOUT.multipliedBy(isVersioned ? 2 : 1),
						"file-a,file-b");
			}
			List<String> ids = new ArrayList<>();
			for (int i = 4 + random.nextInt(5); i > 0; i--) {
				ids.add(id + "-" + i);
			}
			// at worst the deletes run one at a time (the bulk concurrency adapts down under 429s)
			return new Call(index, "deleteAll" + shape, () -> client.deleteAll(ids),
					CALL_TIMEOUT.multipliedBy(ids.size()), String.join(",", ids));
		}

		/** Whether a value is this call's: no answer may end in another call's value. */
		boolean isItsValue(Object value) {
			if (value instanceof FileDeleteResponse deleted) {
				return deleted.deleted() && deleted.id().equals(this.expected);
			}
			if (value instanceof FileObject file) {
				return this.operation.startsWith("upload") ? file.id().startsWith(this.expected)
						: file.id().equals(this.expected);
			}
			if (value instanceof String text) {
				return text.equals(this.expected);
			}
			if (value instanceof List<?> files) {
				return files.stream()
					.map((file) -> ((FileObject) file).id())
					.collect(Collectors.joining(","))
					.equals(this.expected);
			}
			if (value instanceof FileDeletionReport report) {
				return report.deletions()
					.stream()
					.map(FileDeletion::fileId)
					.collect(Collectors.joining(","))
					.equals(this.expected);
			}
			return false;
		}

	}

	/** What the calls ended in, by operation; and what went wrong, if anything. */
	static final class Tally {

		final LongAdder calls = new LongAdder();

		final AtomicInteger maxInFlight = new AtomicInteger();

		final Map<String, Map<String, LongAdder>> outcomes = new ConcurrentHashMap<>();

		final AtomicLong worstOvershootNanos = new AtomicLong(Long.MIN_VALUE);

		final LongAdder bulkFailures = new LongAdder();

		private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

		Object value(Call call, Object value, Duration took) {
			if (!call.isItsValue(value)) {
				problem(call, "ended in a value that is not its own: " + value);
			}
			if (value instanceof FileDeletionReport report) {
				for (FileDeletion deletion : report.deletions()) {
					if (deletion.failure() != null) {
						this.bulkFailures.increment();
						check(call, deletion.failure());
					}
				}
			}
			return count(call, value.getClass().getSimpleName(), took);
		}

		Object failure(Call call, Throwable failure, Duration took) {
			check(call, failure);
			return count(call, failure.getClass().getSimpleName(), took);
		}

		Object hung(Call call) {
			problem(call, "did not end within its deadline of " + call.deadline().toMillis() + " ms and " + HUNG);
			return count(call, "HUNG", call.deadline().plus(HUNG));
		}

		private void check(Call call, Throwable failure) {
			if (!(failure instanceof MoonshotException)) {
				problem(call, "ended in " + failure);
			}
			try {
				SecretAssertions.assertKeyNotQuotedIn(failure, KEY);
			}
			catch (AssertionError leak) {
				problem(call, "has the key in its exception: " + leak.getMessage());
			}
		}

		private Object count(Call call, String outcome, Duration took) {
			this.calls.increment();
			this.outcomes.computeIfAbsent(call.operation(), (key) -> new ConcurrentHashMap<>())
				.computeIfAbsent(outcome, (key) -> new LongAdder())
				.increment();
			long overshoot = took.minus(call.deadline()).toNanos();
			this.worstOvershootNanos.accumulateAndGet(overshoot, Math::max);
			if (overshoot > GRACE.toNanos()) {
				problem(call, "took " + took.toMillis() + " ms, past its deadline of " + call.deadline().toMillis()
						+ " ms and the grace of " + GRACE.toMillis() + " ms (" + outcome + ")");
			}
			return outcome;
		}

		private void problem(Call call, String what) {
			if (this.problems.size() < 20) {
				this.problems.add("call " + call.index() + " " + call.operation() + " " + what);
			}
		}

		List<String> problems() {
			return this.problems;
		}

	}

	/** Counts the retries the client reports on its observations. */
	record RetryCounter(LongAdder retries) implements ObservationHandler<Observation.Context> {

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

		@Override
		public void onEvent(Observation.Event event, Observation.Context context) {
			if (event.getName().equals(MoonshotClientObservationContext.RETRY.getName())) {
				this.retries.increment();
			}
		}

	}

	/**
	 * Reads every log line of the client, Spring's WebClient and Reactor Netty at DEBUG as it is written, and
	 * remembers only those with the key (the console gets none of them meanwhile).
	 */
	static final class KeyWatch extends AppenderBase<ILoggingEvent> {

		static final List<String> LOGGERS = List.of("dev.moonshot", "org.springframework.web.reactive.function.client",
				"org.springframework.http", "reactor.netty");

		final LongAdder lines = new LongAdder();

		private final List<String> leaks = Collections.synchronizedList(new ArrayList<>());

		private final Map<String, Level> levels = new TreeMap<>();

		private @Nullable Appender<ILoggingEvent> console;

		static KeyWatch watch() {
			LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
			KeyWatch watch = new KeyWatch();
			watch.setContext(context);
			watch.start();
			Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
			watch.console = root.getAppender("CONSOLE");
			if (watch.console != null) {
				root.detachAppender(watch.console);
			}
			root.addAppender(watch);
			for (String name : LOGGERS) {
				Logger logger = context.getLogger(name);
				watch.levels.put(name, logger.getLevel());
				logger.setLevel(Level.DEBUG);
			}
			return watch;
		}

		@Override
		protected void append(ILoggingEvent event) {
			this.lines.increment();
			StringBuilder text = new StringBuilder(event.getFormattedMessage());
			for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
				text.append('\n').append(cause.getMessage());
			}
			if (text.indexOf(KEY.substring(0, SecretRedactor.MIN_QUOTED_FRAGMENT)) >= 0 && this.leaks.size() < 10) {
				this.leaks.add(event.getLoggerName() + ": " + text);
			}
		}

		List<String> leaks() {
			return this.leaks;
		}

		@Override
		public void stop() {
			if (!isStarted()) {
				return;
			}
			super.stop();
			LoggerContext context = (LoggerContext) getContext();
			Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
			root.detachAppender(this);
			if (this.console != null) {
				root.addAppender(this.console);
			}
			this.levels.forEach((name, level) -> context.getLogger(name).setLevel(level));
		}

	}

	private void awaitNoConnectionCheckedOut() {
		await().pollInSameThread().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.pools.values()).allSatisfy((pool) -> {
				assertThat(pool.acquiredSize()).as("connections checked out").isZero();
				assertThat(pool.pendingAcquireSize()).as("calls waiting for a connection").isZero();
			}));
	}

	/** The heap in use after a full collection. */
	private static long liveHeap() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static List<String> newThreads(Set<Thread> before) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> !before.contains(thread) && thread.isAlive())
			.map(Thread::getName)
			.sorted()
			.toList();
	}

	private String figures(Tally tally, Duration took, long requests, long retried, long healthy, long bound,
			Map<ChaosServer.Fault, Long> faults, int serverMaxInFlight, long heapBefore, long heapAfter,
			int threadsBefore, List<String> newThreads, KeyWatch keyWatch) {
		StringBuilder out = new StringBuilder();
		long calls = tally.calls.sum();
		out.append(String.format("Soak under random faults, seed %d: %d calls, %d at a time, in %.1f s (%.0f calls/s)%n",
				SEED, calls, CONCURRENCY, took.toMillis() / 1000.0, calls / (took.toMillis() / 1000.0)));
		out.append(String.format("  timeouts: connect %d ms, response %d ms, call %d ms, upload %d ms; backoff %d-%d ms; "
				+ "retry budget %d tokens, %.1f per healthy answer%n", CONNECT_TIMEOUT.toMillis(),
				RESPONSE_TIMEOUT.toMillis(), CALL_TIMEOUT.toMillis(), UPLOAD_TIMEOUT.toMillis(),
				RETRY.initialBackoff().toMillis(), RETRY.maxBackoff().toMillis(), RETRY.budgetCapacity(),
				RETRY.budgetRefillPerSuccess()));
		out.append(String.format("  attempts served: %d (%.3f per call, a list or deleteAll being several requests); "
				+ "retries: %d (%.1f per 100 first attempts), bound %d (2 clients x %d + %.1f x %d healthy answers)%n",
				requests, requests / (double) calls, retried, 100.0 * retried / Math.max(1, requests - retried), bound,
				RETRY.budgetCapacity(), RETRY.budgetRefillPerSuccess(), healthy));
		out.append("  faults by kind (attempts):");
		faults.forEach((fault, count) -> out.append(String.format(" %s %d (%.1f%%);", fault.name().toLowerCase(),
				count, 100.0 * count / Math.max(1, requests))));
		out.append(String.format("%n  outcomes by operation:%n"));
		new TreeMap<>(tally.outcomes).forEach((operation, outcomes) -> {
			out.append(String.format("    %-24s", operation));
			new TreeMap<>(outcomes).forEach((outcome, count) -> out.append(' ').append(outcome).append(' ')
				.append(count.sum()).append(';'));
			out.append(System.lineSeparator());
		});
		Map<String, Long> byType = new TreeMap<>();
		tally.outcomes.values().forEach((outcomes) -> outcomes.forEach((outcome, count) -> byType.merge(outcome,
				count.sum(), Long::sum)));
		out.append("  outcomes by type, all operations:");
		byType.forEach((outcome, count) -> out.append(' ').append(outcome).append(' ').append(count).append(';'));
		out.append(System.lineSeparator());
		out.append(String.format("  failed deletions inside deleteAll reports: %d%n", tally.bulkFailures.sum()));
		out.append(String.format("  max in flight: client %d, server %d; worst time past a deadline: %d ms (grace %d ms)%n",
				tally.maxInFlight.get(), serverMaxInFlight, Math.max(0, tally.worstOvershootNanos.get() / 1_000_000),
				GRACE.toMillis()));
		out.append(String.format("  pool: %d connections checked out, %d waiting, after the soak%n", this.pools.values()
			.stream()
			.mapToInt(ConnectionPoolMetrics::acquiredSize)
			.sum(), this.pools.values().stream().mapToInt(ConnectionPoolMetrics::pendingAcquireSize).sum()));
		out.append(String.format("  live heap after a full GC: before %.1f MiB, after %.1f MiB (%+.1f MiB, margin %d MiB)%n",
				heapBefore / 1048576.0, heapAfter / 1048576.0, (heapAfter - heapBefore) / 1048576.0,
				HEAP_MARGIN / 1048576));
		out.append(String.format("  threads: %d before; alive after and not there before: %d %s%n", threadsBefore,
				newThreads.size(), newThreads));
		out.append(String.format("  log lines read at DEBUG: %d, with the key: %d; exceptions with the key: %s%n",
				keyWatch.lines.sum(), keyWatch.leaks().size(),
				tally.problems().stream().anyMatch((problem) -> problem.contains("the key")) ? "some" : "0"));
		return out.toString();
	}

}
