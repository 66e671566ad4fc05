package dev.moonshot.spring.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One delete at a time against a stub that answers at once: the client's own cost per call (run with the GC
 * profiler for allocation per call).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DeleteLatencyBenchmark {

	private Clients clients;

	@Setup(Level.Trial)
	public void setUp() {
		this.clients = new Clients(System.getProperty("bench.stub.instant"));
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.clients.close();
	}

	@Benchmark
	public Object rawReactorNetty() {
		return this.clients.raw("cqd0d4b4hdjbdq7nrsmg").block();
	}

	@Benchmark
	public Object plainWebClient() {
		return this.clients.webClient("cqd0d4b4hdjbdq7nrsmg").block();
	}

	@Benchmark
	public Object plainWebClientMetricsOn() {
		return this.clients.instrumentedWebClient("cqd0d4b4hdjbdq7nrsmg").block();
	}

	@Benchmark
	public Object moonshotMetricsOff() {
		return this.clients.moonshot.delete("cqd0d4b4hdjbdq7nrsmg").block();
	}

	@Benchmark
	public Object moonshotMetricsOn() {
		return this.clients.moonshotWithMetrics.delete("cqd0d4b4hdjbdq7nrsmg").block();
	}

}
