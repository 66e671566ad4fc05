package dev.moonshot.spring.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.profile.StackProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole set side by side and prints one table of ratios: the stubs run here, the benchmarks in forked JVMs.
 * <p>
 * {@code quick} as the first argument shortens every run (a smoke test of the harness, not a measurement);
 * {@code profile} samples the stacks of the plain WebClient and the starter's client instead.
 */
public final class BenchmarkRunner {

	private static final List<String> VARIANTS = List.of("rawReactorNetty", "plainWebClient",
			"plainWebClientMetricsOn", "moonshotMetricsOff", "moonshotMetricsOn");

	private BenchmarkRunner() {
	}

	public static void main(String[] args) throws RunnerException {
		boolean quick = args.length > 0 && args[0].equals("quick");
		boolean profile = args.length > 0 && args[0].equals("profile");
		if (args.length > 0 && args[0].equals("bulk")) {
			bulk(java.util.Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		try (BenchmarkStub instant = BenchmarkStub.start(Duration.ZERO);
				BenchmarkStub slow = BenchmarkStub.start(Duration.ofMillis(20));
				BenchmarkStub bulk = BenchmarkStub.start(Duration.ofMillis(5))) {
			warmUp(instant, slow, bulk);
			String[] stubs = { "-Dbench.stub.instant=" + instant.baseUrl(), "-Dbench.stub.slow=" + slow.baseUrl(),
					"-Dbench.stub.bulk=" + bulk.baseUrl() };
			if (args.length > 0 && args[0].equals("deleteall")) {
				deleteAll(stubs, (args.length > 1) ? Integer.parseInt(args[1]) : 3);
				return;
			}
			if (args.length > 0 && args[0].equals("percall")) {
				perCall(stubs, (args.length > 1) ? Integer.parseInt(args[1]) : 3);
				return;
			}
			if (profile) {
				new Runner(options(DeleteLatencyBenchmark.class, ".(plainWebClient|moonshotMetricsOff)$", stubs, false, 4, 3)
					.addProfiler(StackProfiler.class, "lines=6;top=12")
					.build()).run();
				return;
			}
			Collection<RunResult> latency = new Runner(options(DeleteLatencyBenchmark.class, stubs, quick, 4, 3)
				.addProfiler(GCProfiler.class)
				.build()).run();
			Collection<RunResult> throughput = new Runner(
					options(DeleteThroughputBenchmark.class, stubs, quick, 3, 3).build())
				.run();
			Collection<RunResult> deleteAll = new Runner(options(DeleteAllBenchmark.class, stubs, quick, 3, 4).build())
				.run();
			print(latency, throughput, deleteAll);
		}
	}

	/**
	 * CPU and allocation per call of the starter's client against the plain WebClient, metrics off and on,
	 * sequentially and at 64 in flight: in rounds, each variant in a JVM of its own within a round, the ratios taken
	 * within each round (the machine's load drifts between rounds more than the clients differ).
	 */
	private static void perCall(String[] stubs, int rounds) throws RunnerException {
		String methods = ".(plainWebClient|plainWebClientMetricsOn|moonshotMetricsOff|moonshotMetricsOn)$";
		List<String> lines = new ArrayList<>();
		for (int round = 1; round <= rounds; round++) {
			for (Class<?> benchmark : List.of(DeleteLatencyBenchmark.class, DeleteThroughputBenchmark.class)) {
				Map<String, RunResult> byVariant = profiled(benchmark.getName() + methods, stubs, 7, 2);
				String setting = (benchmark == DeleteLatencyBenchmark.class) ? "sequential" : "64 in flight";
				for (String variant : List.of("moonshotMetricsOff", "moonshotMetricsOn")) {
					String baseline = variant.endsWith("On") ? "plainWebClientMetricsOn" : "plainWebClient";
					double cpu = secondary(byVariant.get(variant), "cpu.per.call");
					double baseCpu = secondary(byVariant.get(baseline), "cpu.per.call");
					double bytes = secondary(byVariant.get(variant), "gc.alloc.rate.norm");
					double baseBytes = secondary(byVariant.get(baseline), "gc.alloc.rate.norm");
					lines.add(String.format(Locale.ROOT,
							"| %d | %s | %s vs %s | %.1f vs %.1f us | **%.2fx** | %.0f vs %.0f B | **%.2fx** |", round,
							setting, variant, baseline, cpu, baseCpu, cpu / baseCpu, bytes, baseBytes,
							bytes / baseBytes));
				}
			}
		}
		System.out.println();
		System.out.println("| round | setting | client vs baseline | CPU per call | ratio | allocated per call | ratio |");
		System.out.println("|---|---|---|---|---|---|---|");
		lines.forEach(System.out::println);
	}

	/**
	 * {@code deleteAll} of 1,000 ids against raw Reactor Netty pipelining the same 4 in flight: wall time, CPU and
	 * allocation per run, in rounds, ratios within each round.
	 */
	private static void deleteAll(String[] stubs, int rounds) throws RunnerException {
		List<String> lines = new ArrayList<>();
		for (int round = 1; round <= rounds; round++) {
			Map<String, RunResult> byVariant = profiled(DeleteAllBenchmark.class.getName(), stubs, 5, 4);
			RunResult ours = byVariant.get("moonshotDeleteAll");
			RunResult raw = byVariant.get("rawReactorNetty");
			double time = ours.getPrimaryResult().getScore();
			double rawTime = raw.getPrimaryResult().getScore();
			double cpu = secondary(ours, "cpu.per.call");
			double rawCpu = secondary(raw, "cpu.per.call");
			double bytes = secondary(ours, "gc.alloc.rate.norm");
			double rawBytes = secondary(raw, "gc.alloc.rate.norm");
			lines.add(String.format(Locale.ROOT,
					"| %d | %.0f ± %.0f vs %.0f ± %.0f ms | **%.3fx** | %.1f vs %.1f ms | **%.2fx** "
							+ "| %.1f vs %.1f MB | **%.2fx** |",
					round, time, ours.getPrimaryResult().getScoreError(), rawTime,
					raw.getPrimaryResult().getScoreError(), time / rawTime, cpu / 1000, rawCpu / 1000, cpu / rawCpu,
					bytes / 1e6, rawBytes / 1e6, bytes / rawBytes));
		}
		System.out.println();
		System.out.println("| round | wall time, deleteAll vs raw | ratio | CPU per 1,000 | ratio "
				+ "| allocated per 1,000 | ratio |");
		System.out.println("|---|---|---|---|---|---|---|");
		lines.forEach(System.out::println);
	}

	/**
	 * One fork per benchmark method, warm-up iterations of 3 s, 5 measured iterations, with allocation and CPU per
	 * operation: the results by method name.
	 */
	private static Map<String, RunResult> profiled(String include, String[] stubs, int warmupIterations,
			int measureSeconds) throws RunnerException {
		Collection<RunResult> results = new Runner(new OptionsBuilder().include(include)
			.forks(1)
			.warmupIterations(warmupIterations)
			.warmupTime(TimeValue.seconds(3))
			.measurementIterations(5)
			.measurementTime(TimeValue.seconds(measureSeconds))
			.jvmArgsAppend(jvmArgs(stubs))
			.addProfiler(GCProfiler.class)
			.addProfiler(CpuPerCallProfiler.class)
			.build()).run();
		Map<String, RunResult> byVariant = new LinkedHashMap<>();
		for (RunResult result : results) {
			byVariant.put(result.getParams().getBenchmark().replaceAll(".*\\.", ""), result);
		}
		return byVariant;
	}

	private static double secondary(RunResult result, String name) {
		if (result == null) {
			return Double.NaN;
		}
		Result<?> value = result.getSecondaryResults().get(name);
		return (value != null) ? value.getScore() : Double.NaN;
	}

	/**
	 * The bulk deletions at the fake's rate limit: one shot per iteration (each 20-90 s), adaptive and fixed side by
	 * side, and the time, the spread between replicas and the refused share of each.
	 */
	private static void bulk(String[] only) throws RunnerException {
		// optional: a method pattern ("adaptive"), then parameters ("clients=4")
		ChainedOptionsBuilder options = new OptionsBuilder()
			.include(BulkDeleteAtRateLimitBenchmark.class.getName() + "." + ((only.length > 0) ? only[0] : ".*"))
			.forks(0)
			.warmupIterations(0)
			.measurementIterations(1);
		for (int i = 1; i < only.length; i++) {
			String[] param = only[i].split("=", 2);
			options = options.param(param[0], param[1]);
		}
		Collection<RunResult> results = new Runner(options.build()).run();
		System.out.println();
		System.out.println("| variant | clients | limit | wall time | vs the limit's minimum | slowest / fastest "
				+ "replica | refused (429) |");
		System.out.println("|---|---|---|---|---|---|---|");
		for (RunResult result : results) {
			String variant = result.getParams().getBenchmark().replaceAll(".*\\.", "");
			String clients = result.getParams().getParam("clients");
			String halving = result.getParams().getParam("halving");
			boolean halves = Boolean.parseBoolean(halving);
			// 1,000 at 50/s is 20 s; with the halving, 10 + 250 by 5 s, 5 + 250 by 15 s, then 50/s: 24.5 s
			double minimum = halves ? 24.5 : 20;
			double seconds = result.getPrimaryResult().getScore();
			String key = variant + " " + clients + " " + halving;
			long[] counts = BulkDeleteAtRateLimitBenchmark.REFUSED.getOrDefault(key, new long[] { 0, 0, 1 });
			double refused = counts[0];
			double requests = counts[1];
			System.out.printf("| %s | %s | %s | %.1f s | %.2fx of %.1f s | %.2f | %.1f %% of %.0f |%n", variant,
					clients, halves ? "50/s, 25/s from 5 s to 15 s" : "50/s", seconds, seconds / minimum, minimum,
					BulkDeleteAtRateLimitBenchmark.SPREAD.getOrDefault(key, 1.0), 100 * refused / Math.max(1, requests),
					requests / counts[2]);
		}
	}

	private static ChainedOptionsBuilder options(Class<?> benchmark, String[] stubs, boolean quick, int warmupSeconds,
			int measureSeconds) {
		return options(benchmark, ".*", stubs, quick, warmupSeconds, measureSeconds);
	}

	private static ChainedOptionsBuilder options(Class<?> benchmark, String methods, String[] stubs, boolean quick,
			int warmupSeconds, int measureSeconds) {
		// the starter's code path is longer than the baselines' and takes longer for the JIT to settle
		int warmupIterations = (benchmark == DeleteLatencyBenchmark.class) ? 7 : 5;
		return new OptionsBuilder().include(benchmark.getName() + methods)
			.forks(1)
			.warmupIterations(quick ? 1 : warmupIterations)
			.warmupTime(TimeValue.seconds(quick ? 1 : warmupSeconds))
			.measurementIterations(quick ? 1 : 5)
			.measurementTime(TimeValue.seconds(quick ? 1 : measureSeconds))
			.jvmArgsAppend(jvmArgs(stubs));
	}

	/**
	 * The stubs run in this JVM: compile their code before the first fork measures against them, so that every
	 * variant, the first as the last, meets a warm server.
	 */
	private static void warmUp(BenchmarkStub... stubs) {
		for (BenchmarkStub stub : stubs) {
			reactor.netty.http.client.HttpClient client = reactor.netty.http.client.HttpClient.create()
				.baseUrl(stub.baseUrl());
			reactor.core.publisher.Flux.range(0, 20_000)
				.flatMap((i) -> client.delete().uri("/v1/files/warm-" + i).responseSingle((response, body) -> body
					.asString()), 64)
				.blockLast(Duration.ofMinutes(2));
		}
	}

	private static String[] jvmArgs(String[] stubs) {
		String[] args = new String[stubs.length + 2];
		System.arraycopy(stubs, 0, args, 0, stubs.length);
		args[stubs.length] = "-Xms1g";
		args[stubs.length + 1] = "-Xmx1g";
		return args;
	}

	private static void print(Collection<RunResult> latency, Collection<RunResult> throughput,
			Collection<RunResult> deleteAll) {
		Map<String, RunResult> byName = new LinkedHashMap<>();
		List<RunResult> all = new ArrayList<>(latency);
		all.addAll(throughput);
		all.addAll(deleteAll);
		for (RunResult result : all) {
			String label = result.getParams().getBenchmark();
			byName.put(label.substring(label.lastIndexOf('.', label.lastIndexOf('.') - 1) + 1), result);
		}
		System.out.println();
		System.out.println("| benchmark | score | ratio | target |");
		System.out.println("|---|---|---|---|");
		double rawLatency = score(byName, "DeleteLatencyBenchmark.rawReactorNetty");
		double webClientLatency = score(byName, "DeleteLatencyBenchmark.plainWebClient");
		double webClientAlloc = alloc(byName, "DeleteLatencyBenchmark.plainWebClient");
		double instrumentedLatency = score(byName, "DeleteLatencyBenchmark.plainWebClientMetricsOn");
		double instrumentedAlloc = alloc(byName, "DeleteLatencyBenchmark.plainWebClientMetricsOn");
		for (String variant : VARIANTS) {
			String name = "DeleteLatencyBenchmark." + variant;
			double score = score(byName, name);
			double sameMetrics = variant.endsWith("MetricsOn") ? instrumentedLatency : webClientLatency;
			row("latency " + variant, format(score, error(byName, name), "us/call"),
					String.format(Locale.ROOT, "%.2fx raw, %.2fx WebClient with the same metrics", score / rawLatency,
							score / sameMetrics),
					variant.startsWith("moonshot") ? "<= 1.25x raw, <= 1.10x WebClient" : "baseline");
		}
		for (String variant : VARIANTS) {
			double bytes = alloc(byName, "DeleteLatencyBenchmark." + variant);
			double sameMetrics = variant.endsWith("MetricsOn") ? instrumentedAlloc : webClientAlloc;
			row("allocation " + variant, String.format(Locale.ROOT, "%.0f B/call", bytes),
					String.format(Locale.ROOT, "%.2fx WebClient with the same metrics", bytes / sameMetrics),
					variant.startsWith("moonshot") ? "<= 1.25x WebClient" : "baseline");
		}
		for (String variant : VARIANTS) {
			String name = "DeleteThroughputBenchmark." + variant;
			double score = score(byName, name);
			row("throughput x64 @20ms " + variant, format(score, error(byName, name), "calls/s"),
					String.format(Locale.ROOT, "%.2fx ideal 3200, %.2fx raw", score / 3200,
							score / score(byName, "DeleteThroughputBenchmark.rawReactorNetty")),
					variant.startsWith("moonshot") ? ">= 0.95x ideal" : "baseline");
		}
		double rawPipelined = score(byName, "DeleteAllBenchmark.rawReactorNetty");
		row("1000 deletes @5ms, 4 in flight, rawReactorNetty",
				format(rawPipelined, error(byName, "DeleteAllBenchmark.rawReactorNetty"), "ms"),
				String.format(Locale.ROOT, "%.2fx ideal 1250 ms", rawPipelined / 1250), "baseline");
		double deleteAllMillis = score(byName, "DeleteAllBenchmark.moonshotDeleteAll");
		row("deleteAll 1000 ids @5ms, concurrency 4",
				format(deleteAllMillis, error(byName, "DeleteAllBenchmark.moonshotDeleteAll"), "ms"),
				String.format(Locale.ROOT, "%.2fx ideal 1250 ms, %.2fx raw", deleteAllMillis / 1250,
						deleteAllMillis / rawPipelined),
				"<= 1.2x ideal");
	}

	private static void row(String name, String score, String ratio, String target) {
		System.out.println("| " + name + " | " + score + " | " + ratio + " | " + target + " |");
	}

	private static String format(double score, double error, String unit) {
		return String.format(Locale.ROOT, "%.1f ± %.1f %s", score, error, unit);
	}

	private static double score(Map<String, RunResult> results, String name) {
		RunResult result = results.get(name);
		return (result != null) ? result.getPrimaryResult().getScore() : Double.NaN;
	}

	private static double error(Map<String, RunResult> results, String name) {
		RunResult result = results.get(name);
		return (result != null) ? result.getPrimaryResult().getScoreError() : Double.NaN;
	}

	private static double alloc(Map<String, RunResult> results, String name) {
		RunResult result = results.get(name);
		if (result == null) {
			return Double.NaN;
		}
		Result<?> norm = result.getSecondaryResults().get("gc.alloc.rate.norm");
		return (norm != null) ? norm.getScore() : Double.NaN;
	}

}
