package dev.moonshot.spring.test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import dev.moonshot.spring.client.MoonshotFilesClient;
import dev.moonshot.spring.client.exception.MoonshotServerException;
import dev.moonshot.spring.client.model.FileScope;
import dev.moonshot.spring.client.retention.MoonshotRetention;
import dev.moonshot.spring.client.retention.RetentionReport;
import dev.moonshot.spring.client.retention.RetentionRule;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;

import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Extract, then delete: the uploaded file is deleted on success, on error and on cancellation, and one whose deletion
 * failed carries the application's prefix, so the next retention run collects it.
 */
class ExtractAgainstTheFakeTests {

	@RegisterExtension
	static MoonshotFakeServerExtension moonshot = new MoonshotFakeServerExtension();

	private final MoonshotFilesClient client = moonshot.server().client().mutate().filenamePrefix("app-x-").build();

	@Test
	void theTextComesBackAndTheFileIsGone() {
		FakeFile other = moonshot.server().seed("someone-else.txt", "file-extract", "keep", Instant.now());

		assertThat(this.client.extract(document("contract.txt", "Terms and conditions")).block())
			.isEqualTo("Terms and conditions");
		assertThat(this.client.blocking().extract(document("memo.txt", "Memo"))).isEqualTo("Memo");

		assertThat(moonshot.server().files()).extracting(FakeFile::id).containsExactly(other.id());
		assertThat(moonshot.server().requestCount(FakeOperation.DELETE)).isEqualTo(2);
	}

	@Test
	void theFileIsDeletedWhenTheContentFails() {
		moonshot.server().failNext(FakeOperation.CONTENT, 1, FakeFault.error(500, "server_error", "extraction failed"));

		assertThatExceptionOfType(MoonshotServerException.class)
			.isThrownBy(() -> this.client.extract(document("broken.txt", "x")).block());

		assertThat(moonshot.server().files()).isEmpty();
		assertThat(moonshot.server().requestCount(FakeOperation.DELETE)).isEqualTo(1);
	}

	@Test
	void theFileIsDeletedWhenTheSubscriberCancels() {
		moonshot.server().failNext(FakeOperation.CONTENT, 1, FakeFault.delay(Duration.ofSeconds(10)));

		AtomicReference<Throwable> failure = new AtomicReference<>();
		Disposable extraction = this.client.extract(document("slow.txt", "x")).subscribe(null, failure::set);
		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.until(() -> failure.get() != null || moonshot.server().requestCount(FakeOperation.CONTENT) == 1);
		assertThat(failure.get()).as("the extraction failed before it asked for the content").isNull();
		extraction.dispose();

		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> moonshot.server().files().isEmpty());
		assertThat(moonshot.server().requestCount(FakeOperation.DELETE)).isEqualTo(1);
	}

	@Test
	void aFileWhoseDeletionFailedIsLeftInTheScopeForTheNextRetentionRun() {
		FakeFile other = moonshot.server().seed("someone-else.txt", "file-extract", "keep", Instant.now());
		moonshot.server().failNext(FakeOperation.DELETE, 1, FakeFault.error(500, "server_error", "busy"));

		assertThat(this.client.extract(document("left.txt", "Left behind")).block()).isEqualTo("Left behind");
		assertThat(moonshot.server().files()).extracting(FakeFile::filename)
			.containsExactlyInAnyOrder("app-x-left.txt", "someone-else.txt");

		Clock tomorrow = Clock.fixed(Instant.now().plus(Duration.ofDays(1)), ZoneOffset.UTC);
		RetentionReport report = new MoonshotRetention(this.client, tomorrow)
			.run(new RetentionRule(FileScope.filenamePrefix("app-x-"), Duration.ofHours(1), null, 100, false))
			.block();

		assertThat(report.deleted()).hasSize(1);
		assertThat(moonshot.server().files()).extracting(FakeFile::id).containsExactly(other.id());
	}

	private static ByteArrayResource document(String name, String text) {
		return new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8)) {

			@Override
			public String getFilename() {
				return name;
			}

		};
	}

}
