package dev.moonshot.spring.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

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
 * {@code deleteAll} of 1,000 ids at its default concurrency (4) against a stub that answers after 5 ms. Ideal
 * pipelining: 1,000 / 4 x 5 ms = 1.25 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DeleteAllBenchmark {

	private Clients clients;

	private List<String> ids;

	@Setup(Level.Trial)
	public void setUp() {
		this.clients = new Clients(System.getProperty("bench.stub.bulk"));
		this.ids = IntStream.range(0, 1000).mapToObj((i) -> "file-" + i).toList();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.clients.close();
	}

	@Benchmark
	public Object moonshotDeleteAll() {
		return this.clients.moonshot.deleteAll(this.ids).block();
	}

	/** The same pipelining, four deletes in flight, on raw Reactor Netty: what the stack reaches here. */
	@Benchmark
	public Object rawReactorNetty() {
		return reactor.core.publisher.Flux.fromIterable(this.ids)
			.flatMapSequential(this.clients::raw, 4)
			.collectList()
			.block();
	}

}
