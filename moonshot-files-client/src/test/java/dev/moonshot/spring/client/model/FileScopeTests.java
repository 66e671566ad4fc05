package dev.moonshot.spring.client.model;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FileScopeTests {

	@Test
	void aPrefixOwnsTheFilesWhoseNameStartsWithIt() {
		FileScope scope = FileScope.filenamePrefix("app-a-");

		assertThat(scope.contains(file("app-a-report.pdf", "file-extract"))).isTrue();
		assertThat(scope.contains(file("app-b-report.pdf", "file-extract"))).isFalse();
		assertThat(scope.contains(file("report-app-a-.pdf", "file-extract"))).isFalse();
	}

	@Test
	void purposesNarrowIt() {
		FileScope scope = FileScope.filenamePrefix("app-").withPurposes(FilePurpose.BATCH);

		assertThat(scope.contains(file("app-out.jsonl", "batch"))).isTrue();
		assertThat(scope.contains(file("app-doc.pdf", "file-extract"))).isFalse();
		assertThat(scope.contains(file("app-odd.bin", "voice-clone"))).as("an unknown purpose").isFalse();
		assertThat(scope.describe()).isEqualTo("filenames starting with \"app-\", purposes [batch]");
	}

	@Test
	void everythingIsOnlyEverWhatIsAskedFor() {
		assertThat(FileScope.everything().contains(file("anything", "image"))).isTrue();
		assertThat(FileScope.everything().describe()).isEqualTo("every file the key can see");
		assertThatIllegalArgumentException().isThrownBy(() -> new FileScope(null, Set.of(), false))
			.withMessageContaining("use FileScope.everything()");
		assertThatIllegalArgumentException().isThrownBy(() -> FileScope.filenamePrefix(" "));
	}

	/**
	 * Purposes alone do not say which files are the application's: other applications upload files of the same
	 * purposes. The one rule, used by the client and by the retention auto-configuration alike.
	 */
	@Test
	void purposesAloneDoNotMarkAnApplicationsFiles() {
		assertThatIllegalArgumentException().isThrownBy(() -> new FileScope(null, Set.of(FilePurpose.BATCH), false))
			.withMessageContaining("use FileScope.everything()");
		assertThat(FileScope.everything().withPurposes(FilePurpose.BATCH).contains(file("any", "batch"))).isTrue();
	}

	private static FileObject file(String name, String purpose) {
		return new FileObject("id-" + name, "file", 1, Instant.EPOCH, name, purpose, "ok", null);
	}

}
