package dev.moonshot.spring.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * CPU per call of the starter's client against its baseline, measured in pairs: both clients in one JVM, warm, in
 * alternating blocks of calls, and the ratio taken within each pair of neighbouring blocks. On a shared machine the
 * load drifts by more than the clients differ between two JMH forks a minute apart; two blocks a second apart see
 * nearly the same machine, and the spread of the per-pair ratios says what the machine can resolve.
 * <p>
 * CPU is the Java threads' own (the caller, the event loops, the timers; the stub's threads excluded), read from
 * {@code ThreadMXBean}: garbage collection and compilation run on threads it does not report, and allocation is
 * measured on its own ({@code percall}, {@code attribute}).
 */
public final class PairedCpu {

	private static final String FILE_ID = "cqd0d4b4hdjbdq7nrsmg";

	private PairedCpu() {
	}

	/** {@code [pairs] [callsPerBlock]}. */
	public static void main(String[] args) {
		int pairs = (args.length > 0) ? Integer.parseInt(args[0]) : 30;
		int calls = (args.length > 1) ? Integer.parseInt(args[1]) : 3_000;
		List<String> lines = new ArrayList<>();
		try (BenchmarkStub instant = BenchmarkStub.start(Duration.ZERO);
				BenchmarkStub slow = BenchmarkStub.start(Duration.ofMillis(20))) {
			try (Clients clients = new Clients(instant.baseUrl())) {
				lines.addAll(both("sequential", clients, PairedCpu::sequential, pairs, calls));
			}
			try (Clients clients = new Clients(slow.baseUrl())) {
				lines.addAll(both("64 in flight", clients, PairedCpu::inFlight, pairs, calls));
			}
		}
		System.out.println();
		System.out.println("| setting | client vs baseline | CPU per call, medians | ratio: median of " + pairs
				+ " pairs | middle 80 % of the pairs' ratios |");
		System.out.println("|---|---|---|---|---|");
		lines.forEach(System.out::println);
	}

	/** The starter against the plain WebClient (metrics off), then against the instrumented one (metrics on). */
	private static List<String> both(String setting, Clients clients,
			Function<Function<String, Mono<?>>, Function<Integer, Long>> way, int pairs, int calls) {
		return List.of(
				measure(setting, "moonshotMetricsOff vs plainWebClient", way.apply(clients.moonshot::delete),
						way.apply(clients::webClient), pairs, calls),
				measure(setting, "moonshotMetricsOn vs plainWebClientMetricsOn",
						way.apply(clients.moonshotWithMetrics::delete), way.apply(clients::instrumentedWebClient),
						pairs, calls));
	}

	private static Function<Integer, Long> sequential(Function<String, Mono<?>> call) {
		return (calls) -> {
			for (int i = 0; i < calls; i++) {
				call.apply(FILE_ID).block();
			}
			return (long) calls;
		};
	}

	private static Function<Integer, Long> inFlight(Function<String, Mono<?>> call) {
		return (calls) -> Flux.range(0, calls).flatMap((i) -> call.apply(FILE_ID), 64).count().block();
	}

	private static String measure(String setting, String label, Function<Integer, Long> client,
			Function<Integer, Long> baseline, int pairs, int calls) {
		// warm both up before the first pair: the JIT compiles each path
		for (int i = 0; i < 10; i++) {
			client.apply(calls);
			baseline.apply(calls);
		}
		double[] ratios = new double[pairs];
		double[] ours = new double[pairs];
		double[] base = new double[pairs];
		for (int pair = 0; pair < pairs; pair++) {
			// alternate which one goes first, so that neither always meets the machine a block later
			boolean clientFirst = pair % 2 == 0;
			double first = cpuPerCall(clientFirst ? client : baseline, calls);
			double second = cpuPerCall(clientFirst ? baseline : client, calls);
			ours[pair] = clientFirst ? first : second;
			base[pair] = clientFirst ? second : first;
			ratios[pair] = ours[pair] / base[pair];
		}
		Arrays.sort(ratios);
		String line = String.format(Locale.ROOT, "| %s | %s | %.1f vs %.1f us | **%.2fx** | %.2fx – %.2fx |", setting,
				label, median(ours), median(base), median(ratios), ratios[pairs / 10], ratios[pairs - 1 - pairs / 10]);
		System.out.println(line);
		return line;
	}

	private static double cpuPerCall(Function<Integer, Long> run, int calls) {
		long before = javaThreadsCpuNanos();
		long made = run.apply(calls);
		return (javaThreadsCpuNanos() - before) / 1_000.0 / made;
	}

	private static long javaThreadsCpuNanos() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		long[] ids = threads.getAllThreadIds();
		java.lang.management.ThreadInfo[] infos = threads.getThreadInfo(ids);
		long total = 0;
		for (int i = 0; i < ids.length; i++) {
			if (infos[i] != null && !infos[i].getThreadName().startsWith("bench-stub")) {
				long cpu = threads.getThreadCpuTime(ids[i]);
				total += Math.max(0, cpu);
			}
		}
		return total;
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

}
