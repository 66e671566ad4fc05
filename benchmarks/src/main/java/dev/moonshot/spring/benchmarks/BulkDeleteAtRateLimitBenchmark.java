package dev.moonshot.spring.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.moonshot.spring.client.MoonshotFilesClient;
import dev.moonshot.spring.client.MoonshotRetrySettings;
import dev.moonshot.spring.test.FakeOperation;
import dev.moonshot.spring.test.FakeRateLimit;
import dev.moonshot.spring.test.MoonshotFakeServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Bulk deletion against a fake that limits the organization to 50 requests/s and 8 at a time: the physical limit of
 * 1,000 deletions is 1,000 / 50 = 20 s. One shot per iteration; the fake counts the requests it refused with 429.
 * <ul>
 * <li>{@code adaptive}: {@code deleteAll}, concurrency adapted (maximum 16), the shared {@code Retry-After};</li>
 * <li>{@code fixed}: the naive way, the same client's {@code delete} at a fixed 16 in flight;</li>
 * <li>{@code clients}: 1 (1,000 ids) or 4 replicas sharing the limit (250 ids each);</li>
 * <li>{@code halving}: the limit drops to 25/s after 5 s and is back at 50/s after 15 s.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BulkDeleteAtRateLimitBenchmark {

	static final FakeRateLimit LIMIT = new FakeRateLimit(50, 10, 8, true);

	static final FakeRateLimit HALVED = new FakeRateLimit(25, 5, 8, true);

	@Param({ "1", "4" })
	public int clients;

	@Param({ "false", "true" })
	public boolean halving;

	private MoonshotFakeServer fake;

	private final List<MoonshotFilesClient> replicas = new ArrayList<>();

	private final List<List<String>> ids = new ArrayList<>();

	@Setup(Level.Trial)
	public void startFake() {
		this.fake = MoonshotFakeServer.start();
		for (int i = 0; i < this.clients; i++) {
			this.replicas.add(this.fake.client()
				.mutate()
				.bulkDeleteConcurrency(16)
				.callTimeout(Duration.ofMinutes(2))
				.retry(MoonshotRetrySettings.defaults().withMaxAttempts(20).withBackoff(Duration.ofMillis(100),
						Duration.ofSeconds(2)).withBudget(1_000, 0.1))
				.build());
		}
	}

	@Setup(Level.Invocation)
	public void seed() {
		this.fake.reset();
		this.ids.clear();
		Instant now = Instant.now();
		for (int c = 0; c < this.clients; c++) {
			List<String> mine = new ArrayList<>();
			for (int i = 0; i < 1_000 / this.clients; i++) {
				mine.add(this.fake.seedOfSize("f-" + c + "-" + i, "file-extract", 1, now).id());
			}
			this.ids.add(mine);
		}
		this.fake.rateLimit(LIMIT);
		if (this.halving) {
			Mono.delay(Duration.ofSeconds(5)).doOnNext((tick) -> this.fake.rateLimit(HALVED)).subscribe();
			Mono.delay(Duration.ofSeconds(15)).doOnNext((tick) -> this.fake.rateLimit(LIMIT)).subscribe();
		}
	}

	@TearDown(Level.Invocation)
	public void count(org.openjdk.jmh.infra.BenchmarkParams params, org.openjdk.jmh.infra.IterationParams iteration) {
		if (iteration.getType() == org.openjdk.jmh.runner.IterationType.WARMUP) {
			return;
		}
		String key = params.getBenchmark().replaceAll(".*\\.", "") + " " + this.clients + " " + this.halving;
		REFUSED.merge(key, new long[] { this.fake.rateLimitedCount(), this.fake.requestCount(FakeOperation.DELETE), 1 },
				(a, b) -> new long[] { a[0] + b[0], a[1] + b[1], a[2] + b[2] });
	}

	@TearDown(Level.Trial)
	public void stopFake() {
		this.fake.close();
	}

	@Benchmark
	public Object adaptive() {
		long start = System.nanoTime();
		return recordSpread(Flux.range(0, this.clients)
			.flatMap((c) -> this.replicas.get(c)
				.deleteAll(this.ids.get(c))
				.subscribeOn(Schedulers.parallel())
				.map((report) -> System.nanoTime() - start))
			.collectList()
			.block(), "adaptive");
	}

	@Benchmark
	public Object fixed() {
		long start = System.nanoTime();
		return recordSpread(Flux.range(0, this.clients)
			.flatMap((c) -> Flux.fromIterable(this.ids.get(c))
				.flatMap((id) -> this.replicas.get(c).delete(id).onErrorResume((ex) -> Mono.empty()), 16)
				.then(Mono.fromSupplier(() -> System.nanoTime() - start)))
			.collectList()
			.block(), "fixed");
	}

	/** The slowest replica's time over the fastest's, kept for the runner. */
	private Object recordSpread(List<Long> finished, String variant) {
		double spread = finished.stream().mapToLong(Long::longValue).max().orElse(1)
				/ (double) finished.stream().mapToLong(Long::longValue).min().orElse(1);
		SPREAD.merge(variant + " " + this.clients + " " + this.halving, spread, Math::max);
		return finished;
	}

	/** The worst slowest-over-fastest ratio of the replicas in a shot, by variant, clients and limit. */
	static final java.util.Map<String, Double> SPREAD = new java.util.concurrent.ConcurrentHashMap<>();

	/**
	 * What the fake refused and served in each measured shot, by variant, clients and limit: read by the runner,
	 * which runs this benchmark in its own JVM.
	 */
	static final java.util.Map<String, long[]> REFUSED = new java.util.concurrent.ConcurrentHashMap<>();

}
