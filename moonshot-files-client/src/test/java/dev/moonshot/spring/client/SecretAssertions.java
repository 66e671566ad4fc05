package dev.moonshot.spring.client;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asserts that an API key appears nowhere in what a failure prints.
 */
final class SecretAssertions {

	private SecretAssertions() {
	}

	/**
	 * The key must not appear in the message, {@code toString()} or stack trace (which prints every cause and
	 * suppressed exception with their messages), and no request header may have been kept.
	 */
	static void assertKeyNotIn(Throwable failure, String apiKey) {
		assertKeyNotQuotedIn(failure, apiKey);
		StringWriter trace = new StringWriter();
		failure.printStackTrace(new PrintWriter(trace));
		assertThat(trace.toString()).doesNotContainIgnoringCase("Bearer");
	}

	/**
	 * The key, or a start of it long enough to matter, must not appear in the message, {@code toString()} or stack
	 * trace; a response that echoed the request may leave {@code Bearer [REDACTED]} there.
	 */
	static void assertKeyNotQuotedIn(Throwable failure, String apiKey) {
		StringWriter trace = new StringWriter();
		failure.printStackTrace(new PrintWriter(trace));
		assertThat(trace.toString()).doesNotContain(apiKey.substring(0, Math.min(apiKey.length(), SecretRedactor.MIN_QUOTED_FRAGMENT)));
		assertThat(String.valueOf(failure)).doesNotContain(apiKey);
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			assertThat(cause.getClass().getName()).as("exceptions that carry request headers are never kept")
				.isNotEqualTo("org.springframework.web.reactive.function.client.WebClientRequestException");
		}
	}

}
