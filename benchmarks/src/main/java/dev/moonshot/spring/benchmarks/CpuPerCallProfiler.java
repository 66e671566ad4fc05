package dev.moonshot.spring.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;

import com.sun.management.OperatingSystemMXBean;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per call: the forked benchmark JVM's process CPU time over an iteration (every thread: the caller, the
 * event loops, the timers, GC and JIT) divided by the calls measured in it. The stub runs in the runner's JVM, so
 * none of its CPU is counted; what is left is the client's own cost, however many threads it spreads it over.
 */
public class CpuPerCallProfiler implements InternalProfiler {

	private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

	private long cpuAtStart;

	@Override
	public String getDescription() {
		return "process CPU time per measured call";
	}

	@Override
	public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
		this.cpuAtStart = this.os.getProcessCpuTime();
	}

	@Override
	public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
			IterationResult result) {
		long cpu = this.os.getProcessCpuTime() - this.cpuAtStart;
		long calls = Math.max(1, result.getMetadata().getMeasuredOps());
		return List.of(new ScalarResult("cpu.per.call", cpu / 1_000.0 / calls, "us/call", AggregationPolicy.AVG));
	}

}
