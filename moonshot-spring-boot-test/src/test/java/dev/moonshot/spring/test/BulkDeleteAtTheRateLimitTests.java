package dev.moonshot.spring.test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.moonshot.spring.client.MoonshotFilesClient;
import dev.moonshot.spring.client.MoonshotRetrySettings;
import dev.moonshot.spring.client.model.FileDeletionReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bulk deletion against a provider that limits the organization's rate: it adapts its concurrency, waits out the
 * provider's {@code Retry-After} together, and ends with every file deleted.
 */
class BulkDeleteAtTheRateLimitTests {

	@RegisterExtension
	static MoonshotFakeServerExtension moonshot = new MoonshotFakeServerExtension();

	@Test
	void everyFileIsDeletedAndFewRequestsAreRefused() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			ids.add(moonshot.server().seed("f" + i, "file-extract", "x", Instant.now()).id());
		}
		moonshot.server().rateLimit(new FakeRateLimit(50, 10, 4, true));
		MoonshotFilesClient client = moonshot.server()
			.client()
			.mutate()
			.bulkDeleteConcurrency(16)
			.retry(MoonshotRetrySettings.defaults().withMaxAttempts(10).withBackoff(Duration.ofMillis(50),
					Duration.ofSeconds(2)).withBudget(100, 0.1))
			.build();

		FileDeletionReport report = client.deleteAll(ids).block(Duration.ofSeconds(60));

		assertThat(report.deleted()).containsExactlyElementsOf(ids);
		assertThat(moonshot.server().files()).isEmpty();
		int refused = moonshot.server().rateLimitedCount();
		assertThat(refused).as("refused of %d requests", moonshot.server().requestCount(FakeOperation.DELETE))
			.isLessThan(ids.size());
	}

}
