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
	void idsAreOpaqueTheirAlphabetIsNotChecked() {
		for (String id : new String[] { "file_01h455vb4pex5vsknk084sn02q", "a:b", "x~y", "\u30c9\u30ad\u30e5\u30e1\u30f3\u30c8",
				"a+b=c", "...", "'quoted'" }) {
			assertThat(FileId.requireValid(id)).isEqualTo(id);
		}
	}

	@Test
	void refusesOnlyWhatCannotBeOnePathSegment() {
		for (String id : new String[] { ".", "..", "a/b", "a\\b", "a?b", "a#b", "a%2Fb", "a b", "a\tb", "a\u2003b",
				"a\u0000b", "a\u007fb" }) {
			assertThatIllegalArgumentException().as(id).isThrownBy(() -> FileId.requireValid(id));
		}
	}

	@Test
	void longValuesAreTruncatedInTheMessage() {
		String value = "x".repeat(100) + "/";

		assertThatIllegalArgumentException().isThrownBy(() -> FileId.requireValid(value))
			.withMessageStartingWith("File id \"" + "x".repeat(64) + "\"... (101 characters) contains a character")
			.withMessageContaining("(\"/\" at index 100)")
			.withMessageEndingWith("Pass the \"id\" of a file exactly as the Files API returned it (at most 256 "
					+ "characters).");
	}

	@Test
	void quotesAndBackslashesAreEscaped() {
		assertThatIllegalArgumentException().isThrownBy(() -> FileId.requireValid("a\"b\\c"))
			.withMessageStartingWith("File id \"a\\\"b\\\\c\" contains");
	}

}
