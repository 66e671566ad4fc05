package dev.moonshot.spring.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.moonshot.spring.client.MoonshotFilesClient;
import dev.moonshot.spring.client.MoonshotRetrySettings;
import dev.moonshot.spring.client.exception.MoonshotNotFoundException;
import dev.moonshot.spring.client.exception.MoonshotRateLimitException;
import dev.moonshot.spring.retention.MoonshotRetentionJob;
import dev.moonshot.spring.test.EnableMoonshotFake;
import dev.moonshot.spring.test.FakeFault;
import dev.moonshot.spring.test.FakeOperation;
import dev.moonshot.spring.test.MoonshotFakeServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Grafana dashboard ({@code dashboards/moonshot-files.json}) against the meters it reads: after a short workload
 * that touches every panel (calls, errors, a retry, a rate-limit hold, quota, retention runs and deletions), every
 * metric and label a panel's query names is in {@code /actuator/prometheus}, and every meter of the starter is on a
 * panel. A renamed meter or tag fails here, not on an operator's screen.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "moonshot.retention.lock-name=dashboard-tests")
@EnableMoonshotFake
class DashboardTests {

	static final Path DASHBOARD = Path.of("..", "dashboards", "moonshot-files.json");

	/** Labels Prometheus adds when it scrapes: not in the application's exposition. */
	private static final Set<String> SCRAPE_LABELS = Set.of("job", "instance");

	/** Meters of the starter no panel needs: the in-flight (long task) timers, and each timer's max (panels use rates). */
	private static final Pattern UNPANELLED = Pattern.compile(".*_active_seconds_.*|.*_max");

	private static final Pattern METRIC = Pattern.compile("\\b(moonshot_[a-z0-9_]+)\\b");

	private static final Pattern BY = Pattern.compile("\\bby\\s*\\(([^)]*)\\)");

	private static final Pattern MATCHERS = Pattern.compile("\\{([^}]*)}");

	private static final Pattern MATCHER_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!=|!~|=)");

	@LocalServerPort
	int port;

	@Autowired
	MoonshotFilesClient client;

	@Autowired
	MoonshotFakeServer fake;

	@Autowired
	MoonshotRetentionJob retention;

	@Test
	void everyMetricAndLabelAPanelQueriesIsExposedAndEveryMeterIsOnAPanel() throws IOException, InterruptedException {
		Map<String, Set<String>> exposed = exposedAfterAWorkload();
		List<String> queries = dashboardQueries();

		Set<String> queried = new HashSet<>();
		for (String query : queries) {
			Set<String> labels = labelsOf(query);
			Matcher metrics = METRIC.matcher(query);
			while (metrics.find()) {
				String metric = metrics.group(1);
				queried.add(metric);
				assertThat(exposed).as("metric of the query %s", query).containsKey(metric);
				assertThat(exposed.get(metric)).as("labels of %s in the query %s", metric, query).containsAll(labels);
			}
		}
		assertThat(exposed.keySet().stream().filter((metric) -> !UNPANELLED.matcher(metric).matches()))
			.as("meters of the starter on no panel")
			.allSatisfy((metric) -> assertThat(queried).contains(metric));
	}

	/**
	 * A workload that makes every meter of the starter exist, then the application's Prometheus exposition: each
	 * {@code moonshot_*} series name with the label names it carries.
	 */
	private Map<String, Set<String>> exposedAfterAWorkload() throws IOException, InterruptedException {
		Instant old = Instant.now().minus(Duration.ofDays(400));
		String kept = this.fake.seed("sample-kept.txt", "file-extract", "kept", Instant.now()).id();
		this.fake.seed("sample-old-1.txt", "file-extract", "old", old);
		this.fake.seed("sample-old-2.txt", "file-extract", "old", old);
		this.client.list().block();
		this.client.retrieve(kept).block();
		assertThatExceptionOfType(MoonshotNotFoundException.class)
			.isThrownBy(() -> this.client.delete("file-that-is-not-there").block());
		this.fake.failNext(FakeOperation.RETRIEVE, 1, FakeFault.error(503, "server_error", "try again"));
		this.client.retrieve(kept).block();
		// a 429 that asks for a second: the next call of that client is held back for it
		MoonshotFilesClient once = this.client.mutate().retry(MoonshotRetrySettings.disabled()).build();
		this.fake.failNext(FakeOperation.RETRIEVE, 1,
				FakeFault.status(429, "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_reached_error\"}}",
						Map.of("Retry-After", "1", "Content-Type", "application/json")));
		assertThatExceptionOfType(MoonshotRateLimitException.class).isThrownBy(() -> once.retrieve(kept).block());
		once.retrieve(kept).block();
		assertThat(this.retention.runNow(true)).isPresent();
		assertThat(this.retention.runNow(false)).isPresent();

		HttpResponse<String> scrape = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/prometheus"))
				.timeout(Duration.ofMinutes(1))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(scrape.statusCode()).isEqualTo(200);
		Map<String, Set<String>> exposed = new HashMap<>();
		scrape.body().lines().filter((line) -> line.startsWith("moonshot_")).forEach((line) -> {
			int brace = line.indexOf('{');
			String name = (brace >= 0) ? line.substring(0, brace) : line.substring(0, line.indexOf(' '));
			Set<String> labels = exposed.computeIfAbsent(name, (key) -> new LinkedHashSet<>());
			if (brace >= 0) {
				Matcher label = MATCHER_LABEL.matcher(line.substring(brace, line.lastIndexOf('}') + 1));
				while (label.find()) {
					labels.add(label.group(1));
				}
			}
		});
		return exposed;
	}

	private static List<String> dashboardQueries() throws IOException {
		JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
		List<String> queries = new ArrayList<>();
		dashboard.get("panels").forEach((panel) -> panel.path("targets")
			.forEach((target) -> queries.add(target.get("expr").asString())));
		assertThat(queries).as("the dashboard's queries").hasSizeGreaterThanOrEqualTo(12);
		return queries;
	}

	/** The label names a query groups by or matches on, but those Prometheus adds. */
	private static Set<String> labelsOf(String query) {
		Set<String> labels = new HashSet<>();
		Matcher by = BY.matcher(query);
		while (by.find()) {
			for (String label : by.group(1).split(",")) {
				labels.add(label.strip());
			}
		}
		Matcher matchers = MATCHERS.matcher(query);
		while (matchers.find()) {
			Matcher label = MATCHER_LABEL.matcher(matchers.group(1));
			while (label.find()) {
				labels.add(label.group(1));
			}
		}
		labels.removeAll(SCRAPE_LABELS);
		return labels;
	}

}
