package dev.moonshot.spring.client;

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

}
