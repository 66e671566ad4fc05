package dev.moonshot.spring.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FileIdTests {

	@Test
	void acceptsWhatTheProviderIssues() {
		assertThat(FileId.requireValid("cqd0d4b4hdjbdq7nrsmg")).isEqualTo("cqd0d4b4hdjbdq7nrsmg");
		assertThat(FileId.requireValid("file-abc_DEF.1")).isEqualTo("file-abc_DEF.1");
		assertThat(FileId.requireValid(".hidden")).isEqualTo(".hidden");
	}

	@Test
	void longValuesAreTruncatedInTheMessage() {
		String value = "x".repeat(100) + "/";

		assertThatIllegalArgumentException().isThrownBy(() -> FileId.requireValid(value))
			.withMessageStartingWith("File id \"" + "x".repeat(64) + "\"... (101 characters) contains a character")
			.withMessageContaining("(\"/\" at index 100)")
			.withMessageEndingWith("Pass the \"id\" of a file as returned by the Files API (letters, digits, '-', '_' "
					+ "and '.', at most 256 characters).");
	}

	@Test
	void quotesAndBackslashesAreEscaped() {
		assertThatIllegalArgumentException().isThrownBy(() -> FileId.requireValid("a\"b\\c"))
			.withMessageStartingWith("File id \"a\\\"b\\\\c\" contains");
	}

}
