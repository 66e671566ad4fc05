package dev.moonshot.spring.test;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A fault the {@link MoonshotFakeServer} injects instead of (or before) its normal answer.
 *
 * @param status the status to answer with, or 0 to answer normally
 * @param body the body sent with {@code status}
 * @param headers extra headers sent with {@code status}
 * @param delay how long to wait first
 * @param reset whether to drop the connection without an answer
 * @param resetAfterProcessing whether to process the request as usual (store an upload, delete a file) and then drop
 * the connection instead of answering: the request reached the provider, the answer never came back
 */
public record FakeFault(int status, String body, Map<String, String> headers, Duration delay, boolean reset,
		boolean resetAfterProcessing) {

	/**
	 * Answer with a status and the provider's error body for it.
	 * @param status the HTTP status
	 * @param errorType the provider's {@code error.type}
	 * @param message the provider's {@code error.message}
	 * @return the fault
	 */
	public static FakeFault error(int status, String errorType, String message) {
		return new FakeFault(status, FakeWire.errorBody(errorType, message), Map.of(), Duration.ZERO, false, false);
	}

	/**
	 * Answer with a status and any body (an HTML gateway page, nothing).
	 * @param status the HTTP status
	 * @param body the body
	 * @param headers extra headers, e.g. {@code Retry-After}
	 * @return the fault
	 */
	public static FakeFault status(int status, @Nullable String body, Map<String, String> headers) {
		return new FakeFault(status, (body != null) ? body : "", Map.copyOf(headers), Duration.ZERO, false, false);
	}

	/**
	 * Answer normally, after a delay.
	 * @param delay the delay
	 * @return the fault
	 */
	public static FakeFault delay(Duration delay) {
		return new FakeFault(0, "", Map.of(), delay, false, false);
	}

	/**
	 * Drop the connection without an answer.
	 * @return the fault
	 */
	public static FakeFault connectionReset() {
		return new FakeFault(0, "", Map.of(), Duration.ZERO, true, false);
	}

	/**
	 * Process the request as usual, then drop the connection instead of answering: an upload is stored, a delete
	 * done, and the client never hears of it.
	 * @return the fault
	 */
	public static FakeFault answerLost() {
		return new FakeFault(0, "", Map.of(), Duration.ZERO, false, true);
	}

}
