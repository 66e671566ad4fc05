package dev.moonshot.spring.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.moonshot.spring.client.MoonshotFilesClient;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the starter adds to an application's start and memory: the same application (Boot's auto-configuration with
 * Actuator on the classpath, no web server) started in fresh JVMs, in turn with the starter's auto-configurations,
 * with them excluded, and with them excluded but a {@code WebClient} bean of the application's own, and the medians
 * of each. Each JVM reports the time {@code SpringApplication.run} took, its
 * non-heap use after start and its peak resident set ({@code VmHWM}).
 * <p>
 * Run with {@code benchmarks/run.sh startup [pairs]}; {@code benchmarks/run.sh startup steps} starts one JVM with the
 * starter and lists its slowest bean instantiations (Boot's {@code BufferingApplicationStartup}), nested ones
 * included in their parents' time.
 */
public final class StartupFootprint {

	/** The starter's auto-configurations, as its AutoConfiguration.imports lists them. */
	private static final String STARTER_AUTO_CONFIGURATIONS = String.join(",",
			ImportCandidates.load(AutoConfiguration.class, StartupFootprint.class.getClassLoader())
				.getCandidates()
				.stream()
				.filter((name) -> name.startsWith("dev.moonshot."))
				.toList());

	private StartupFootprint() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("child")) {
			child(args[1], false);
			return;
		}
		if (args.length > 0 && args[0].equals("steps")) {
			child("with", true);
			return;
		}
		int pairs = (args.length > 0) ? Integer.parseInt(args[0]) : 15;
		List<double[]> with = new ArrayList<>();
		List<double[]> without = new ArrayList<>();
		List<double[]> webClient = new ArrayList<>();
		for (int i = 0; i < pairs + 1; i++) {
			double[] a = spawn("with");
			double[] b = spawn("without");
			double[] c = spawn("webclient");
			if (i > 0) {
				// the first round warms the page cache for the jars
				with.add(a);
				without.add(b);
				webClient.add(c);
			}
		}
		System.out.println();
		System.out.println("| measure | without the starter | without it, with a WebClient bean | with the starter | "
				+ "starter vs without | starter vs the WebClient bean |");
		System.out.println("|---|---|---|---|---|---|");
		String[] names = { "context start (SpringApplication.run)", "non-heap used after start", "peak RSS (VmHWM)" };
		String[] units = { "ms", "MB", "MB" };
		for (int m = 0; m < 3; m++) {
			double w = median(with, m);
			double wo = median(without, m);
			double wc = median(webClient, m);
			System.out.printf(Locale.ROOT, "| %s | %.1f %s | %.1f %s | %.1f %s | %+.1f %s (%.2fx) | %+.1f %s (%.2fx) |%n",
					names[m], wo, units[m], wc, units[m], w, units[m], w - wo, units[m], w / wo, w - wc, units[m],
					w / wc);
		}
		System.out.println("(medians of " + with.size() + " JVMs each, started in turn)");
	}

	private static double[] spawn(String mode) throws IOException, InterruptedException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-Xms256m", "-Xmx256m", "-cp",
				System.getProperty("java.class.path"), StartupFootprint.class.getName(), "child", mode)
			.redirectErrorStream(true)
			.start();
		String last = null;
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = out.readLine(); line != null; line = out.readLine()) {
				last = line;
			}
		}
		if (process.waitFor() != 0 || last == null || !last.startsWith("FOOTPRINT ")) {
			throw new IllegalStateException("the child JVM failed: " + last);
		}
		String[] fields = last.substring("FOOTPRINT ".length()).split(" ");
		return new double[] { Double.parseDouble(fields[0]), Double.parseDouble(fields[1]),
				Double.parseDouble(fields[2]) };
	}

	private static void child(String mode, boolean steps) throws IOException {
		boolean starter = mode.equals("with");
		SpringApplication application = new SpringApplication(App.class);
		BufferingApplicationStartup startup = new BufferingApplicationStartup(10_000);
		if (steps) {
			application.setApplicationStartup(startup);
		}
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setLogStartupInfo(false);
		List<String> properties = new ArrayList<>(List.of("--moonshot.api-key=sk-footprint",
				"--moonshot.base-url=http://127.0.0.1:9", "--logging.level.root=WARN", "--spring.main.banner-mode=off"));
		if (!starter) {
			properties.add("--spring.autoconfigure.exclude=" + STARTER_AUTO_CONFIGURATIONS);
		}
		if (mode.equals("webclient")) {
			properties.add("--footprint.webclient=true");
		}
		long start = System.nanoTime();
		try (ConfigurableApplicationContext context = application.run(properties.toArray(String[]::new))) {
			double millis = (System.nanoTime() - start) / 1e6;
			if (starter != (context.getBeanNamesForType(MoonshotFilesClient.class).length == 1)) {
				throw new IllegalStateException("the starter's client bean is " + (starter ? "missing" : "there"));
			}
			System.gc();
			double nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getUsed() / 1e6;
			double peakRss = Files.readAllLines(Path.of("/proc/self/status"))
				.stream()
				.filter((line) -> line.startsWith("VmHWM:"))
				.mapToDouble((line) -> Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024)
				.findFirst()
				.orElse(Double.NaN);
			if (steps) {
				// the slowest bean instantiations: where the starter's share of the start goes
				startup.getBufferedTimeline()
					.getEvents()
					.stream()
					.filter((event) -> event.getStartupStep().getName().equals("spring.beans.instantiate"))
					.sorted(Comparator.comparing(TimelineEvent::getDuration).reversed())
					.limit(15)
					.forEach((event) -> System.out.printf(Locale.ROOT, "%6d ms  %s%n", event.getDuration().toMillis(),
							event.getStartupStep().getTags().iterator().next().getValue()));
			}
			System.out.printf(Locale.ROOT, "FOOTPRINT %.1f %.1f %.1f%n", millis, nonHeap, peakRss);
		}
	}

	private static double median(List<double[]> runs, int measure) {
		List<Double> values = new ArrayList<>(runs.stream().map((run) -> run[measure]).toList());
		Collections.sort(values);
		int n = values.size();
		return (n % 2 == 1) ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
	}

	/**
	 * An application of Boot's auto-configuration and nothing else, or (with {@code footprint.webclient=true}) with
	 * one {@code WebClient} built from Boot's builder, as a service that already calls some HTTP API has.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@org.springframework.context.annotation.Bean
		@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty("footprint.webclient")
		org.springframework.web.reactive.function.client.WebClient applicationWebClient(
				org.springframework.web.reactive.function.client.WebClient.Builder builder) {
			return builder.baseUrl("http://127.0.0.1:9").build();
		}

	}

}
