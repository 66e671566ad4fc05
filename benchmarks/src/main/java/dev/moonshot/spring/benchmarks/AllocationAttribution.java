package dev.moonshot.spring.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import reactor.core.publisher.Mono;

/**
 * Where the bytes of one successful delete are allocated, by code site: each client in its own JVM (this class's
 * {@code main}, run by {@code benchmarks/run.sh attribute}), a warm-up, then a measured run of sequential calls under
 * Java Flight Recorder's TLAB sampling (every new TLAB and every allocation outside one is an event weighted by its
 * bytes: an unbiased sample of where the bytes go; small fixed TLABs make the sample dense). The exact total per call
 * comes from the threads' allocation counters (the stub's threads excluded), and the sampled weights are scaled to it,
 * so that the sites add up to the measured figure.
 * <p>
 * A site is the first frame, from the top, outside the JDK: the library or project method that allocated. Each site
 * also names the first frame of this project's client below it ("ours"), if any: which of the starter's steps caused
 * the allocation.
 */
public final class AllocationAttribution {

	private static final String OURS = "dev.moonshot.spring.client.";

	/** Mean bytes between samples (JVMTI draws each interval at random around it, so no site is aliased). */
	private static final int SAMPLING_INTERVAL = 1024;

	private AllocationAttribution() {
	}

	/**
	 * {@code measure <variant> <calls> <out.tsv>} writes one variant's sites; {@code compare <a.tsv> <b.tsv>} prints
	 * the difference of two by site.
	 */
	public static void main(String[] args) throws Exception {
		if (args[0].equals("stacks")) {
			stacks(Path.of(args[1]), args[2], (args.length > 3) ? Integer.parseInt(args[3]) : 16);
			return;
		}
		if (args[0].equals("categories")) {
			categories(Path.of(args[1]), Path.of(args[2]));
			return;
		}
		if (args[0].equals("compare")) {
			compare(Path.of(args[1]), Path.of(args[2]), (args.length > 3) ? Integer.parseInt(args[3]) : 30);
			return;
		}
		measure(args[1], Integer.parseInt(args[2]), Path.of(args[3]));
	}

	private static void measure(String variant, int calls, Path out) throws Exception {
		try (BenchmarkStub stub = BenchmarkStub.start(Duration.ZERO); Clients clients = new Clients(stub.baseUrl())) {
			Function<String, Mono<?>> call = switch (variant) {
				case "plainWebClient" -> clients::webClient;
				case "plainWebClientMetricsOn" -> clients::instrumentedWebClient;
				case "moonshotMetricsOff" -> clients.moonshot::delete;
				case "moonshotMetricsOn" -> clients.moonshotWithMetrics::delete;
				case "rawReactorNetty" -> clients::raw;
				default -> throw new IllegalArgumentException(variant);
			};
			String id = "cqd0d4b4hdjbdq7nrsmg";
			for (int i = 0; i < 60_000; i++) {
				call.apply(id).block();
			}
			Path collapsed = Path.of(out.toString().replaceAll("\\.tsv$", "") + ".collapsed");
			one.profiler.AsyncProfiler profiler = one.profiler.AsyncProfiler.getInstance();
			profiler.execute("start,event=alloc,alloc=" + SAMPLING_INTERVAL + ",threads");
			long before = allocatedByClientThreads();
			for (int i = 0; i < calls; i++) {
				call.apply(id).block();
			}
			long after = allocatedByClientThreads();
			profiler.execute("stop,collapsed,total,file=" + collapsed.toAbsolutePath());
			double bytesPerCall = (after - before) / (double) calls;
			write(variant, bytesPerCall, sites(collapsed), out);
			System.out.printf(Locale.ROOT, "%s: %.0f B per call (thread allocation counters, stub excluded)%n",
					variant, bytesPerCall);
		}
	}

	/** Bytes allocated so far by every live thread but the stub's and JFR's own. */
	private static long allocatedByClientThreads() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		long[] ids = threads.getAllThreadIds();
		long[] bytes = threads.getThreadAllocatedBytes(ids);
		java.lang.management.ThreadInfo[] infos = threads.getThreadInfo(ids);
		long total = 0;
		for (int i = 0; i < ids.length; i++) {
			if (infos[i] != null && bytes[i] > 0 && counted(infos[i].getThreadName())) {
				total += bytes[i];
			}
		}
		return total;
	}

	private static boolean counted(String threadName) {
		return !threadName.startsWith("bench-stub") && !threadName.startsWith("JFR");
	}

	/** Sampled bytes by site ("allocating frame\tours"), from async-profiler's collapsed stacks. */
	private static Map<String, Double> sites(Path collapsed) throws IOException {
		Map<String, Double> weights = new HashMap<>();
		for (Sample sample : samples(collapsed)) {
			weights.merge(sample.site(), sample.bytes(), Double::sum);
		}
		return weights;
	}

	/** The samples of the client's threads: frames top first (the allocated type first of all), bytes. */
	private static List<Sample> samples(Path collapsed) throws IOException {
		List<Sample> samples = new ArrayList<>();
		for (String line : Files.readAllLines(collapsed)) {
			int space = line.lastIndexOf(' ');
			List<String> frames = new ArrayList<>(List.of(line.substring(0, space).split(";")));
			String thread = frames.remove(0);
			if (!counted(thread.replaceFirst("^\\[", ""))) {
				continue;
			}
			java.util.Collections.reverse(frames);
			frames.replaceAll((frame) -> frame.replace('/', '.').replaceFirst("_\\[.\\]$", ""));
			samples.add(new Sample(frames, Double.parseDouble(line.substring(space + 1))));
		}
		return samples;
	}

	/**
	 * One stack and the bytes sampled on it.
	 *
	 * @param frames the allocated type, then the frames, top first
	 * @param bytes the sampled bytes
	 */
	private record Sample(List<String> frames, double bytes) {

		/** The first frame outside the JDK, and the first of the client's below it. */
		String site() {
			String allocating = null;
			String ours = "";
			for (String name : this.frames.subList(1, this.frames.size())) {
				if (allocating == null && !name.startsWith("java.") && !name.startsWith("jdk.")
						&& !name.startsWith("sun.")) {
					allocating = name;
				}
				if (name.startsWith(OURS)) {
					ours = name.substring(OURS.length());
					break;
				}
			}
			return ((allocating != null) ? allocating : this.frames.get(this.frames.size() - 1)) + "\t" + ours;
		}

	}

	private static void write(String variant, double bytesPerCall, Map<String, Double> weights, Path out)
			throws IOException {
		double sampled = weights.values().stream().mapToDouble(Double::doubleValue).sum();
		List<String> lines = new ArrayList<>();
		lines.add(variant + "\t" + bytesPerCall);
		weights.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
			.forEach((site) -> lines.add(String.format(Locale.ROOT, "%.1f\t%s",
					site.getValue() / sampled * bytesPerCall, site.getKey())));
		Files.write(out, lines);
	}

	private static void compare(Path baseline, Path client, int rows) throws IOException {
		Map<String, Double> base = read(baseline);
		Map<String, Double> ours = read(client);
		Set<String> all = new HashSet<>(base.keySet());
		all.addAll(ours.keySet());
		// by allocating frame, summed over the "ours" column for the baseline (which has none)
		Map<String, double[]> bySite = new LinkedHashMap<>();
		Map<String, Map<String, Double>> causes = new HashMap<>();
		for (String key : all) {
			if (key.startsWith("#")) {
				continue;
			}
			String[] parts = key.split("\t", -1);
			String site = parts[0];
			String cause = (parts.length > 1) ? parts[1] : "";
			double[] row = bySite.computeIfAbsent(site, (k) -> new double[2]);
			row[0] += base.getOrDefault(key, 0.0);
			row[1] += ours.getOrDefault(key, 0.0);
			if (!cause.isEmpty()) {
				causes.computeIfAbsent(site, (k) -> new HashMap<>()).merge(cause, ours.getOrDefault(key, 0.0),
						Double::sum);
			}
		}
		System.out.printf(Locale.ROOT, "%s %.0f B, %s %.0f B, difference %.0f B per call%n", baseline.getFileName(),
				base.get("#total"), client.getFileName(), ours.get("#total"), ours.get("#total") - base.get("#total"));
		System.out.println("| allocating frame | the client's frame below it | baseline B/call | client B/call "
				+ "| difference |");
		System.out.println("|---|---|---|---|---|");
		List<Map.Entry<String, double[]>> sorted = new ArrayList<>(bySite.entrySet());
		sorted.sort(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -Math.abs(e.getValue()[1]
				- e.getValue()[0])));
		double shown = 0;
		for (int i = 0; i < Math.min(rows, sorted.size()); i++) {
			String site = sorted.get(i).getKey();
			double[] row = sorted.get(i).getValue();
			shown += row[1] - row[0];
			String cause = causes.getOrDefault(site, Map.of())
				.entrySet()
				.stream()
				.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
				.limit(2)
				.map((e) -> String.format(Locale.ROOT, "`%s` %.0f", e.getKey(), e.getValue()))
				.reduce((a, b) -> a + ", " + b)
				.orElse("–");
			System.out.printf(Locale.ROOT, "| `%s` | %s | %.0f | %.0f | %+.0f |%n", site, cause, row[0], row[1],
					row[1] - row[0]);
		}
		double total = ours.get("#total") - base.get("#total");
		System.out.printf(Locale.ROOT, "| every other site | | | | %+.0f |%n", total - shown);
	}

	/** The most sampled stacks (top first) of the sites whose allocating frame contains a text. */
	private static void stacks(Path collapsed, String pattern, int depth) throws IOException {
		Map<String, Double> weights = new HashMap<>();
		double all = 0;
		for (Sample sample : samples(collapsed)) {
			all += sample.bytes();
			if (sample.site().contains(pattern)) {
				String stack = String.join("\n    ",
						sample.frames().subList(0, Math.min(depth, sample.frames().size())));
				weights.merge(stack, sample.bytes(), Double::sum);
			}
		}
		double total = all;
		weights.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
			.limit(6)
			.forEach((e) -> System.out.printf(Locale.ROOT, "%.2f %% of all sampled bytes%n%s%n%n",
					100 * e.getValue() / total, e.getKey()));
	}

	/**
	 * What each part of a call costs, by the kind of work of the allocating frame (and the client's frame below it):
	 * the same rules for both variants, so that the rows add up to each one's total.
	 */
	private static void categories(Path baseline, Path client) throws IOException {
		Map<String, Double> base = read(baseline);
		Map<String, Double> ours = read(client);
		Map<String, double[]> rows = new LinkedHashMap<>();
		for (String category : CATEGORIES) {
			rows.put(category, new double[2]);
		}
		for (int side = 0; side < 2; side++) {
			for (Map.Entry<String, Double> site : ((side == 0) ? base : ours).entrySet()) {
				if (!site.getKey().startsWith("#")) {
					rows.get(category(site.getKey()))[side] += site.getValue();
				}
			}
		}
		System.out.printf(Locale.ROOT, "| work | %s B/call | %s B/call | difference |%n", baseline.getFileName(),
				client.getFileName());
		System.out.println("|---|---|---|---|");
		rows.forEach((category, row) -> System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %+.0f |%n", category,
				row[0], row[1], row[1] - row[0]));
		System.out.printf(Locale.ROOT, "| **total** | **%.0f** | **%.0f** | **%+.0f** |%n", base.get("#total"),
				ours.get("#total"), ours.get("#total") - base.get("#total"));
	}

	private static final List<String> CATEGORIES = List.of("URI: template expansion, or put together",
			"request headers", "attempt timeout: operator, timer, description",
			"response body: extraction, checkpoint, decoding", "observation: Micrometer, conventions",
			"Reactor operators and subscribers", "the client's own objects (`dev.moonshot` frames)",
			"WebClient exchange, Reactor Netty, Netty", "other");

	private static String category(String site) {
		String frame = site.substring(0, site.indexOf('\t'));
		String ours = site.substring(site.indexOf('\t') + 1);
		if (frame.contains("web.util.") || frame.contains("Operation.request") || frame.contains("FileId")) {
			return CATEGORIES.get(0);
		}
		if (frame.contains("LinkedCaseInsensitiveMap") || frame.contains("HttpHeaders")
				|| frame.contains("MultiValueMap") || frame.contains("CollectionUtils") || frame.contains("KeyRing")
				|| frame.contains("MimeType") || frame.contains("MediaType")) {
			return CATEGORIES.get(1);
		}
		if (frame.contains("Scannable") || frame.contains("Timeout") || frame.contains(".timeout")
				|| frame.contains("Schedulers") || frame.contains("MonoDelay") || frame.contains("scheduler.")) {
			return CATEGORIES.get(2);
		}
		if (frame.contains("heckpoint") || frame.contains("FluxOnAssembly") || frame.contains("ClientResponse.body")
				|| frame.contains("Decoder") || frame.contains("BodyExtractors") || frame.contains("DataBuffer")
				|| frame.contains("tools.jackson") || frame.contains("WireTypes") || frame.contains("Decoders")
				|| frame.contains("logback") || frame.contains("CompositeLog") || ours.startsWith("Decoders")
				|| ours.startsWith("WireTypes")) {
			return CATEGORIES.get(3);
		}
		if (frame.contains("micrometer") || frame.contains("bservation") || ours.contains("Observation")) {
			return CATEGORIES.get(4);
		}
		if (frame.startsWith("reactor.core")) {
			return CATEGORIES.get(5);
		}
		if (frame.startsWith("dev.moonshot")) {
			return CATEGORIES.get(6);
		}
		if (frame.startsWith("reactor.netty") || frame.startsWith("io.netty") || frame.contains(".web.reactive.")
				|| frame.contains(".http.client.")) {
			return CATEGORIES.get(7);
		}
		return CATEGORIES.get(8);
	}

	private static Map<String, Double> read(Path file) throws IOException {
		Map<String, Double> sites = new HashMap<>();
		List<String> lines = Files.readAllLines(file);
		String[] head = lines.get(0).split("\t");
		sites.put("#total", Double.parseDouble(head[1]));
		for (String line : lines.subList(1, lines.size())) {
			int tab = line.indexOf('\t');
			sites.merge(line.substring(tab + 1), Double.parseDouble(line.substring(0, tab)), Double::sum);
		}
		return sites;
	}

}
