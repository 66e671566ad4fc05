package dev.moonshot.spring.client;

import java.time.Duration;

/**
 * The time limit of a call, with the words an exception uses to name it.
 *
 * @param timeout the limit
 * @param name what the limit is called, e.g. {@code response timeout}
 * @param property the property that sets it, e.g. {@code moonshot.response-timeout}
 */
record Deadline(Duration timeout, String name, String property) {

	static Deadline response(Duration timeout) {
		return new Deadline(timeout, "response timeout", "moonshot.response-timeout");
	}

	static Deadline upload(Duration timeout) {
		return new Deadline(timeout, "upload timeout", "moonshot.upload-timeout");
	}

	String describe() {
		return this.name + " of " + this.timeout.toMillis() + " ms (" + this.property + ")";
	}

}
