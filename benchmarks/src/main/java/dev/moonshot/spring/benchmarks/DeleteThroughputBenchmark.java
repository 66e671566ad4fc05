package dev.moonshot.spring.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * 64 deletes in flight at a time against a stub that answers after 20 ms: calls per second, against the ideal
 * 64 / 0.020 s = 3,200.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DeleteThroughputBenchmark {

	static final int CONCURRENCY = 64;

	private Clients clients;

	private String[] ids;

	@Setup(Level.Trial)
	public void setUp() {
		this.clients = new Clients(System.getProperty("bench.stub.slow"));
		this.ids = new String[CONCURRENCY];
		for (int i = 0; i < CONCURRENCY; i++) {
			this.ids[i] = "file-" + i;
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.clients.close();
	}

	@Benchmark
	@OperationsPerInvocation(CONCURRENCY)
	public long rawReactorNetty() {
		return burst(this.clients::raw);
	}

	@Benchmark
	@OperationsPerInvocation(CONCURRENCY)
	public long plainWebClient() {
		return burst(this.clients::webClient);
	}

	@Benchmark
	@OperationsPerInvocation(CONCURRENCY)
	public long plainWebClientMetricsOn() {
		return burst(this.clients::instrumentedWebClient);
	}

	@Benchmark
	@OperationsPerInvocation(CONCURRENCY)
	public long moonshotMetricsOff() {
		return burst(this.clients.moonshot::delete);
	}

	@Benchmark
	@OperationsPerInvocation(CONCURRENCY)
	public long moonshotMetricsOn() {
		return burst(this.clients.moonshotWithMetrics::delete);
	}

	private long burst(Function<String, Mono<?>> call) {
		return Flux.fromArray(this.ids).flatMap(call, CONCURRENCY).count().block();
	}

}
