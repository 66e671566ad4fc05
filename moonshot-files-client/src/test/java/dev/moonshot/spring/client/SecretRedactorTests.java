package dev.moonshot.spring.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretRedactorTests {

	private static final String KEY = "sk-redact-0123456789abcdef";

	private final SecretRedactor redactor = new SecretRedactor(KEY);

	@Test
	void masksTheBareKey() {
		assertThat(this.redactor.redact("key " + KEY + " was sent")).isEqualTo("key [REDACTED] was sent");
	}

	@Test
	void masksTheKeyBehindBearer() {
		assertThat(this.redactor.redact("Authorization: Bearer " + KEY + "\r\nHost: x"))
			.isEqualTo("Authorization: Bearer [REDACTED]\r\nHost: x");
	}

	@Test
	void masksTheKeyInJson() {
		assertThat(this.redactor.redact("{\"authorization\":\"Bearer " + KEY + "\",\"k\":\"" + KEY + "\"}"))
			.isEqualTo("{\"authorization\":\"Bearer [REDACTED]\",\"k\":\"[REDACTED]\"}");
	}

	@Test
	void masksAStartOfTheKeyWhereTheTextWasCut() {
		for (int kept = SecretRedactor.MIN_FRAGMENT; kept < KEY.length(); kept++) {
			String cut = "Authorization: Bearer " + KEY.substring(0, kept);
			assertThat(this.redactor.redact(cut)).as("cut after %d characters of the key", kept)
				.isEqualTo("Authorization: Bearer [REDACTED]");
		}
	}

	/** Found by Jazzer (ResponseDecoderFuzzTestsInputs/contentsRawBytes/key-start-in-the-middle). */
	@Test
	void masksAStartOfTheKeyCutShortAndFollowedByOtherText() {
		for (int kept = SecretRedactor.MIN_QUOTED_FRAGMENT; kept < KEY.length(); kept++) {
			String quoted = "key=" + KEY.substring(0, kept) + "... (truncated), then " + KEY.substring(0, kept) + "X";
			assertThat(this.redactor.redact(quoted)).as("cut after %d characters of the key", kept)
				.isEqualTo("key=[REDACTED]... (truncated), then [REDACTED]X");
		}
		assertThat(this.redactor.redact("a " + KEY + KEY + " b")).isEqualTo("a [REDACTED][REDACTED] b");
	}

	@Test
	void leavesShorterStartsThatOnlyShowThePublicPrefix() {
		assertThat(this.redactor.redact("see sk-")).isEqualTo("see sk-");
	}

	@Test
	void returnsTheSameTextWhenNothingIsMasked() {
		String text = "<html><body>502 Bad Gateway</body></html>";
		assertThat(this.redactor.redact(text)).isSameAs(text);
		assertThat(this.redactor.redact("")).isEmpty();
	}

	@Test
	void findsTheKeyInCausesAndSuppressedExceptions() {
		IllegalStateException clean = new IllegalStateException("nothing to see");
		assertThat(this.redactor.isExposedBy(clean)).isFalse();

		IllegalStateException cause = new IllegalStateException("outer", new RuntimeException("token '" + KEY + "'"));
		assertThat(this.redactor.isExposedBy(cause)).isTrue();

		IllegalStateException suppressing = new IllegalStateException("outer");
		suppressing.addSuppressed(new RuntimeException("Bearer " + KEY.substring(0, 12) + "...: was expecting"));
		assertThat(this.redactor.isExposedBy(suppressing)).isTrue();
	}

	@Test
	void aCycleInTheCauseChainEnds() {
		RuntimeException first = new RuntimeException("first");
		RuntimeException second = new RuntimeException("second", first);
		first.initCause(second);
		assertThat(this.redactor.isExposedBy(first)).isFalse();
	}

	@Test
	void toStringShowsNoKey() {
		assertThat(this.redactor.toString()).doesNotContain(KEY);
	}

}
