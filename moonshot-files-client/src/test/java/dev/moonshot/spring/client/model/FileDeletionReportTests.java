package dev.moonshot.spring.client.model;

import java.util.List;

import dev.moonshot.spring.client.exception.MoonshotApiError;
import dev.moonshot.spring.client.exception.MoonshotServerException;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatusCode;

import static org.assertj.core.api.Assertions.assertThat;

class FileDeletionReportTests {

	private final MoonshotServerException boom = new MoonshotServerException("boom",
			MoonshotApiError.ofStatus(HttpStatusCode.valueOf(500)));

	@Test
	void splitsTheOutcomesInTheirOrder() {
		FileDeletionReport report = new FileDeletionReport(List.of(
				new FileDeletion("a", FileDeletion.Outcome.DELETED, null),
				new FileDeletion("b", FileDeletion.Outcome.ALREADY_ABSENT, null),
				new FileDeletion("c", FileDeletion.Outcome.FAILED, this.boom),
				new FileDeletion("d", FileDeletion.Outcome.DELETED, null)));

		assertThat(report.deleted()).containsExactly("a", "d");
		assertThat(report.alreadyAbsent()).containsExactly("b");
		assertThat(report.failures()).extracting(FileDeletion::fileId).containsExactly("c");
		assertThat(report.isComplete()).isFalse();
	}

	@Test
	void completeWhenNothingFailed() {
		assertThat(new FileDeletionReport(List.of()).isComplete()).isTrue();
		assertThat(new FileDeletionReport(List.of(new FileDeletion("a", FileDeletion.Outcome.ALREADY_ABSENT, null)))
			.isComplete()).isTrue();
	}

}
