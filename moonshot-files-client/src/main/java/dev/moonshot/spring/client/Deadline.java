package dev.moonshot.spring.client;

import java.time.Duration;

import dev.moonshot.spring.client.exception.MoonshotFailureKind;

/**
 * A time limit, with the words an exception uses to name it.
 *
 * @param timeout the limit
 * @param kind the kind of failure it is when it runs out
 * @param name what the limit is called, e.g. {@code response timeout}
 * @param property the property that sets it, e.g. {@code moonshot.response-timeout}
 */
record Deadline(Duration timeout, MoonshotFailureKind kind, String name, String property) {

	/** The limit of one attempt. */
	static Deadline response(Duration timeout) {
		return new Deadline(timeout, MoonshotFailureKind.RESPONSE_TIMEOUT, "response timeout",
				"moonshot.response-timeout");
	}

	/** The limit of a call, across its attempts. */
	static Deadline call(Duration timeout) {
		return new Deadline(timeout, MoonshotFailureKind.CALL_TIMEOUT, "call timeout", "moonshot.call-timeout");
	}

	/** The limit of an upload, across its attempts. */
	static Deadline upload(Duration timeout) {
		return new Deadline(timeout, MoonshotFailureKind.RESPONSE_TIMEOUT, "upload timeout",
				"moonshot.upload-timeout");
	}

	String describe() {
		return this.name + " of " + this.timeout.toMillis() + " ms (" + this.property + ")";
	}

}
