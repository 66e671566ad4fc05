package dev.moonshot.spring.client;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;

import dev.moonshot.spring.client.CannedConnector.Answer;
import dev.moonshot.spring.client.exception.MoonshotMalformedResponseException;
import dev.moonshot.spring.client.model.FileDeleteResponse;
import dev.moonshot.spring.client.model.FileObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the fuzz tests found, one example each: bodies that used to decode to a guess, or to end in the wrong
 * exception, and now end in {@link MoonshotMalformedResponseException} naming what was wrong.
 */
class StrictDecodingTests {

	private static final String FILE = "{\"id\":\"f1\",\"object\":\"file\",\"bytes\":3,\"created_at\":1700815879,"
			+ "\"filename\":\"a.pdf\",\"purpose\":\"file-extract\",\"status\":\"ok\"}";

	private final CannedConnector connector = new CannedConnector();

	private final MoonshotFilesClient client = this.connector.client("sk-strict", null,
			MoonshotRetrySettings.disabled());

	@Test
	void aCreationTimeBeyondWhatATimeHoldsIsMalformedNotADateTimeException() {
		answer(200, "application/json", FILE.replace("1700815879", "9223372036854775807"));

		assertThatExceptionOfType(MoonshotMalformedResponseException.class).isThrownBy(this::retrieve)
			.withMessageContaining("'created_at' is beyond the range of a time");
	}

	@Test
	void aFieldSentTwiceIsMalformedNotTheLastValue() {
		answer(200, "application/json", FILE.replace("\"bytes\":3", "\"bytes\":3,\"bytes\":4"));

		assertThatExceptionOfType(MoonshotMalformedResponseException.class).isThrownBy(this::retrieve)
			.withMessageContaining("Duplicate Object property \"bytes\"");
	}

	@Test
	void bytesAfterTheObjectAreMalformed() {
		answer(200, "application/json", FILE + "{\"id\":\"f2\"}");

		assertThatExceptionOfType(MoonshotMalformedResponseException.class).isThrownBy(this::retrieve)
			.withMessageContaining("Trailing token");
	}

	@Test
	void contentThatIsNotValidUtf8IsMalformedNotReplacementCharacters() {
		this.connector.answer((uri) -> Answer.of(200, "text/plain; charset=utf-8",
				new byte[] { 'a', (byte) 0xC3, 'b' }), new Random(0));

		assertThatExceptionOfType(MoonshotMalformedResponseException.class)
			.isThrownBy(() -> this.client.content("f1").block(Duration.ofSeconds(5)))
			.withMessageContaining("text that is not valid UTF-8");
	}

	@Test
	void contentInTheCharsetTheResponseNames() {
		this.connector.answer((uri) -> Answer.of(200, "text/plain; charset=ISO-8859-1",
				"caf\u00e9".getBytes(StandardCharsets.ISO_8859_1)), new Random(0));

		assertThat(this.client.content("f1").block(Duration.ofSeconds(5))).isEqualTo("caf\u00e9");
	}

	@Test
	void aDeleteAnsweredWithJsonNullIsMalformedNotDeleted() {
		answer(200, "application/json", "null");

		assertThatExceptionOfType(MoonshotMalformedResponseException.class)
			.isThrownBy(() -> this.client.delete("f1").block(Duration.ofSeconds(5)))
			.withMessageContaining("the body is null instead of an object");
	}

	@Test
	void aDeleteAnsweredWithNoBodyIsDeleted() {
		answer(200, "application/json", "");

		assertThat(this.client.delete("f1").block(Duration.ofSeconds(5)))
			.isEqualTo(new FileDeleteResponse("f1", "file", true, null));
	}

	@Test
	void aContentTypeThatIsNoMediaTypeIsMalformedNotATransportFailure() {
		answer(200, "garbage", FILE);

		assertThatExceptionOfType(MoonshotMalformedResponseException.class).isThrownBy(this::retrieve)
			.withMessageContaining("returned a Content-Type that cannot be read");
	}

	@Test
	void retryAfterIsAsciiDigitsOnly() {
		assertThat(ProviderHeaders.retryAfter("30", Clock.systemUTC())).isEqualTo(Duration.ofSeconds(30));
		// Arabic-Indic digits: Character.isDigit and Long.parseLong take them, HTTP does not
		assertThat(ProviderHeaders.retryAfter("\u0663\u0660", Clock.systemUTC())).isNull();
	}

	private void answer(int status, String contentType, String body) {
		this.connector.answer((uri) -> Answer.of(status, contentType, body.getBytes(StandardCharsets.UTF_8)),
				new Random(0));
	}

	private FileObject retrieve() {
		return this.client.retrieve("f1").block(Duration.ofSeconds(5));
	}

}
