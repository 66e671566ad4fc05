package dev.moonshot.spring.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.moonshot.spring.client.exception.MoonshotAuthenticationException;
import dev.moonshot.spring.client.exception.MoonshotMalformedResponseException;
import dev.moonshot.spring.client.exception.MoonshotPermissionDeniedException;
import dev.moonshot.spring.client.exception.MoonshotServerException;
import dev.moonshot.spring.client.model.FileDeletion;
import dev.moonshot.spring.client.model.FileDeletionReport;
import dev.moonshot.spring.client.model.FileScope;
import dev.moonshot.spring.client.model.FileUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DefaultMoonshotFilesClientBulkDeleteTests {

	private static final String NOT_FOUND = "{\"error\":{\"message\":\"File not found\",\"type\":\"resource_not_found_error\"}}";

	@RegisterExtension
	static WireMockExtension wiremock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private final MoonshotFilesClient client = client(wiremock.baseUrl(), 4);

	private static MoonshotFilesClient client(String baseUrl, int concurrency) {
		return MoonshotFilesClient.builder()
			.retry(MoonshotRetrySettings.disabled())
			.apiKey("sk-bulk")
			.baseUrl(baseUrl)
			.bulkDeleteConcurrency(concurrency)
			.build();
	}

	@Test
	void deleteIfExists() {
		wiremock.stubFor(delete("/v1/files/here").willReturn(okJson("{\"id\":\"here\",\"object\":\"file\",\"deleted\":true}")));
		wiremock.stubFor(delete("/v1/files/gone").willReturn(aResponse().withStatus(404).withBody(NOT_FOUND)));
		wiremock.stubFor(delete("/v1/files/locked").willReturn(aResponse().withStatus(403)));

		assertThat(this.client.deleteIfExists("here").block()).isTrue();
		assertThat(this.client.deleteIfExists("gone").block()).isFalse();
		assertThat(this.client.blocking().deleteIfExists("gone")).isFalse();
		assertThatExceptionOfType(MoonshotPermissionDeniedException.class)
			.isThrownBy(() -> this.client.deleteIfExists("locked").block());
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.deleteIfExists("a b"));
	}

	@Test
	void deleteAllReportsEachIdAndGoesOnPastFailures() {
		wiremock.stubFor(delete("/v1/files/a").willReturn(okJson("{\"id\":\"a\",\"object\":\"file\",\"deleted\":true}")));
		wiremock.stubFor(delete("/v1/files/b").willReturn(aResponse().withStatus(404).withBody(NOT_FOUND)));
		wiremock.stubFor(delete("/v1/files/c").willReturn(aResponse().withStatus(500)
			.withBody("{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}")));
		wiremock.stubFor(delete("/v1/files/d").willReturn(aResponse().withStatus(204)));

		FileDeletionReport report = this.client.deleteAll(Arrays.asList("a", "b", "c", "bad/id", null, "d", "a"))
			.block();

		assertThat(report.deletions()).extracting(FileDeletion::fileId, FileDeletion::outcome)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("a", FileDeletion.Outcome.DELETED),
					org.assertj.core.groups.Tuple.tuple("b", FileDeletion.Outcome.ALREADY_ABSENT),
					org.assertj.core.groups.Tuple.tuple("c", FileDeletion.Outcome.FAILED),
					org.assertj.core.groups.Tuple.tuple("bad/id", FileDeletion.Outcome.FAILED),
					org.assertj.core.groups.Tuple.tuple("null", FileDeletion.Outcome.FAILED),
					org.assertj.core.groups.Tuple.tuple("d", FileDeletion.Outcome.DELETED));
		assertThat(report.deleted()).containsExactly("a", "d");
		assertThat(report.alreadyAbsent()).containsExactly("b");
		assertThat(report.isComplete()).isFalse();
		List<FileDeletion> failures = report.failures();
		assertThat(failures.get(0).failure()).isInstanceOfSatisfying(MoonshotServerException.class,
				(ex) -> assertThat(ex.getErrorType()).isEqualTo("server_error"));
		assertThat(failures.get(1).failure()).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("\"bad/id\"");
		assertThat(failures.get(2).failure()).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("must not be null");
		assertThat(report.deletions().get(0).failure()).isNull();
		wiremock.verify(1, deleteRequestedFor(urlPathEqualTo("/v1/files/a")));
		wiremock.verify(4, anyRequestedFor(anyUrl()));
	}

	@Test
	void deleteAllOfNothing() {
		assertThat(this.client.deleteAll(List.of()).block().deletions()).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.deleteAll(null));
		wiremock.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void deleteAllNeverRunsMoreThanItsBoundAtOnce() {
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger mostInFlight = new AtomicInteger();
		AtomicInteger requests = new AtomicInteger();
		List<String> ids = IntStream.range(0, 30).mapToObj((i) -> "file-" + i).toList();
		try (LoopbackHttpServer server = new LoopbackHttpServer((request, response) -> {
			requests.incrementAndGet();
			mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
			return Mono.delay(Duration.ofMillis(40))
				.doOnNext((tick) -> inFlight.decrementAndGet())
				.then(response.header("Content-Type", "application/json")
					.sendString(Mono.just("{\"id\":\"f\",\"object\":\"file\",\"deleted\":true}"))
					.then());
		})) {
			FileDeletionReport report = client(server.baseUrl(), 3).deleteAll(ids).block(Duration.ofSeconds(30));

			assertThat(report.deleted()).isEqualTo(ids);
		}
		assertThat(requests.get()).isEqualTo(30);
		assertThat(mostInFlight.get()).isEqualTo(3);
	}

	@Test
	void deleteOlderThanDeletesExactlyTheOldFiles() {
		Instant now = Instant.now();
		stubList(file("old-1", now.minus(Duration.ofDays(30)), 100), file("old-2", now.minus(Duration.ofDays(8)), 200),
				file("recent", now.minus(Duration.ofDays(6)), 300), file("new", now.minus(Duration.ofHours(1)), 400));
		wiremock.stubFor(delete(urlPathMatching("/v1/files/.*")).willReturn(okJson("{\"id\":\"f\",\"object\":\"file\",\"deleted\":true}")));

		FileDeletionReport report = this.client.deleteOlderThan(FileScope.everything(), Duration.ofDays(7)).block();

		assertThat(report.deleted()).containsExactly("old-1", "old-2");
		assertDeletedExactly("old-1", "old-2");
	}

	@Test
	void aFileWithoutACreationTimeStopsAnAgeRuleBeforeAnyDelete() {
		Instant now = Instant.now();
		String unknownAge = file("unknown-age", now, 5).replaceFirst("\"created_at\":\\d+,", "");
		stubList(file("old", now.minus(Duration.ofDays(30)), 100), unknownAge);
		wiremock.stubFor(delete(urlPathMatching("/v1/files/.*"))
			.willReturn(okJson("{\"id\":\"f\",\"object\":\"file\",\"deleted\":true}")));

		assertThatExceptionOfType(MoonshotMalformedResponseException.class)
			.isThrownBy(() -> this.client.blocking().deleteOlderThan(FileScope.everything(), Duration.ofDays(7)))
			.withMessageContaining("'data[1].created_at' is missing");
		wiremock.verify(0, deleteRequestedFor(anyUrl()));
	}

	@Test
	void aListOfNoKnownShapeIsNeverReadAsAnEmptyAccount() {
		wiremock.stubFor(get("/v1/files").willReturn(okJson("{\"files\":[" + file("a", Instant.now(), 1) + "]}")));

		assertThatExceptionOfType(MoonshotMalformedResponseException.class)
			.isThrownBy(() -> this.client.blocking().usage())
			.withMessage("Moonshot GET /v1/files returned a response that does not have the documented shape: "
					+ "the required field 'data' is missing (nor is there an 'items')");
		assertThatExceptionOfType(MoonshotMalformedResponseException.class)
			.isThrownBy(() -> this.client.blocking().deleteMatching((file) -> true));
		wiremock.verify(0, deleteRequestedFor(anyUrl()));
	}

	@Test
	void deleteMatching() {
		Instant now = Instant.now();
		stubList(file("a", now, 1), file("b", now, 2), file("c", now, 3));
		wiremock.stubFor(delete(urlPathMatching("/v1/files/.*")).willReturn(okJson("{\"id\":\"f\",\"object\":\"file\",\"deleted\":true}")));

		FileDeletionReport report = this.client.blocking().deleteMatching((file) -> file.bytes() >= 2);

		assertThat(report.deleted()).containsExactly("b", "c");
		assertDeletedExactly("b", "c");
	}

	@Test
	void retentionFailsWhenTheListFails() {
		wiremock.stubFor(get("/v1/files").willReturn(aResponse().withStatus(401)));

		assertThatExceptionOfType(MoonshotAuthenticationException.class)
			.isThrownBy(() -> this.client.blocking().deleteOlderThan(FileScope.everything(), Duration.ofDays(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.deleteOlderThan(FileScope.everything(), Duration.ZERO))
			.withMessage("age must be positive, got PT0S");
		wiremock.verify(0, deleteRequestedFor(anyUrl()));
	}

	@Test
	void usage() {
		Instant now = Instant.now();
		stubList(file("a", now, 1024), file("b", now, 2048));

		FileUsage usage = this.client.usage().block();

		assertThat(usage).isEqualTo(new FileUsage(2, 3072));
		assertThat(usage.fileShare()).isEqualTo(0.002);
		assertThat(usage.remainingFiles()).isEqualTo(998);
		assertThat(usage.remainingBytes()).isEqualTo(10L * 1024 * 1024 * 1024 - 3072);
		assertThat(this.client.blocking().usage()).isEqualTo(usage);
		assertThat(new FileUsage(1000, FileUsage.MAX_TOTAL_BYTES / 2).byteShare()).isEqualTo(0.5);
		assertThat(new FileUsage(1200, FileUsage.MAX_TOTAL_BYTES + 1).remainingFiles()).isZero();
	}

	private static void stubList(String... files) {
		wiremock.stubFor(get("/v1/files").willReturn(okJson(
				Arrays.stream(files).collect(Collectors.joining(",", "{\"object\":\"list\",\"data\":[", "]}")))));
	}

	private static String file(String id, Instant createdAt, long bytes) {
		return "{\"id\":\"" + id + "\",\"object\":\"file\",\"bytes\":" + bytes + ",\"created_at\":"
				+ createdAt.getEpochSecond() + ",\"filename\":\"" + id + ".pdf\",\"purpose\":\"file-extract\","
				+ "\"status\":\"ok\"}";
	}

	private static void assertDeletedExactly(String... ids) {
		List<String> deleted = new ArrayList<>();
		wiremock.getAllServeEvents()
			.stream()
			.filter((event) -> event.getRequest().getMethod().getName().equals("DELETE"))
			.forEach((event) -> deleted.add(event.getRequest().getUrl().substring("/v1/files/".length())));
		assertThat(deleted).containsExactlyInAnyOrder(ids);
	}

}
