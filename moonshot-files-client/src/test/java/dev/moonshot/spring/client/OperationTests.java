package dev.moonshot.spring.client;

import dev.moonshot.spring.client.exception.MoonshotFailure;
import dev.moonshot.spring.client.exception.MoonshotFailureKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OperationTests {

	@Test
	void describesTheCallFromItsPathTemplate() {
		assertThat(Operation.DELETE.describe("abc")).isEqualTo("DELETE /v1/files/abc");
		assertThat(Operation.RETRIEVE.describe("abc")).isEqualTo("GET /v1/files/abc");
		assertThat(Operation.CONTENT.describe("abc")).isEqualTo("GET /v1/files/abc/content");
		assertThat(Operation.LIST.describe(null)).isEqualTo("GET /v1/files");
		assertThat(Operation.UPLOAD.describe("a.pdf")).isEqualTo("POST /v1/files (a.pdf)");
	}

	@Test
	void fileOperationsKeepTheTemplateForMetrics() {
		assertThat(Operation.DELETE.path).isEqualTo("/v1/files/{file_id}");
		assertThat(Operation.CONTENT.path).isEqualTo("/v1/files/{file_id}/content");
	}

	@Test
	void withoutAnApiVersionAnUploadIsRepeatedOnlyWhenItCertainlyWasNotProcessed() {
		assertThat(Operation.UPLOAD.mayRepeat(unanswered(MoonshotFailureKind.CONNECT_FAILED,
				MoonshotFailure.Delivery.NOT_SENT), false)).isTrue();
		assertThat(Operation.UPLOAD.mayRepeat(RetryPolicyTests.answered(429, null), false)).isTrue();
		assertThat(Operation.UPLOAD.mayRepeat(RetryPolicyTests.answered(429, "engine_overloaded_error"), false)).isTrue();
		assertThat(Operation.UPLOAD.mayRepeat(RetryPolicyTests.answered(503, null), false)).isTrue();

		assertThat(Operation.UPLOAD.mayRepeat(unanswered(MoonshotFailureKind.CONNECTION_LOST,
				MoonshotFailure.Delivery.POSSIBLY_PROCESSED), false)).isFalse();
		for (int status : new int[] { 500, 502, 504 }) {
			assertThat(Operation.UPLOAD.mayRepeat(RetryPolicyTests.answered(status, null), false)).as("status %d", status)
				.isFalse();
		}
	}

	@Test
	void withAnApiVersionTheProviderReplaysAnUploadSoItIsRepeatedLikeARead() {
		assertThat(Operation.UPLOAD.mayRepeat(RetryPolicyTests.answered(500, null), true)).isTrue();
		assertThat(Operation.UPLOAD.mayRepeat(unanswered(MoonshotFailureKind.CONNECTION_LOST,
				MoonshotFailure.Delivery.POSSIBLY_PROCESSED), true)).isTrue();
	}

	@Test
	void readsAndDeletesAreRepeatedAfterAnyRetryableFailure() {
		for (Operation<?> operation : new Operation<?>[] { Operation.LIST, Operation.RETRIEVE, Operation.CONTENT,
				Operation.DELETE }) {
			assertThat(operation.mayRepeat(unanswered(MoonshotFailureKind.CONNECTION_LOST,
					MoonshotFailure.Delivery.POSSIBLY_PROCESSED), false)).isTrue();
		}
	}

	private static MoonshotFailure unanswered(MoonshotFailureKind kind, MoonshotFailure.Delivery delivery) {
		return MoonshotFailure.unanswered(kind, delivery, "failed", null, null);
	}

}
