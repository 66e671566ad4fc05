package dev.moonshot.spring.client.model;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FileUsageTests {

	@Test
	void countsAndSumsTheFiles() {
		List<FileObject> files = List.of(file("a", 1024), file("b", 2048));

		assertThat(FileUsage.of(files)).isEqualTo(new FileUsage(2, 3072));
		assertThat(FileUsage.of(List.of())).isEqualTo(new FileUsage(0, 0));
	}

	@Test
	void sharesAndRemaindersOfTheQuota() {
		FileUsage usage = new FileUsage(250, FileUsage.MAX_TOTAL_BYTES / 4);

		assertThat(usage.fileShare()).isEqualTo(0.25);
		assertThat(usage.byteShare()).isEqualTo(0.25);
		assertThat(usage.remainingFiles()).isEqualTo(750);
		assertThat(usage.remainingBytes()).isEqualTo(FileUsage.MAX_TOTAL_BYTES * 3 / 4);
	}

	@Test
	void remaindersNeverGoNegative() {
		FileUsage over = new FileUsage(1200, FileUsage.MAX_TOTAL_BYTES + 1);

		assertThat(over.remainingFiles()).isZero();
		assertThat(over.remainingBytes()).isZero();
	}

	@Test
	void theProvidersLimits() {
		assertThat(FileUsage.MAX_FILES).isEqualTo(1_000);
		assertThat(FileUsage.MAX_TOTAL_BYTES).isEqualTo(10L * 1024 * 1024 * 1024);
		assertThat(FileUsage.MAX_FILE_BYTES).isEqualTo(100L * 1024 * 1024);
	}

	private static FileObject file(String id, long bytes) {
		return new FileObject(id, "file", bytes, Instant.EPOCH, id + ".pdf", "file-extract", "ok", null);
	}

}
