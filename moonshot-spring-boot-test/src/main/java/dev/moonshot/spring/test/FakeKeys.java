package dev.moonshot.spring.test;

import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The API keys the fake accepts, as the provider's console manages them: a key can be added beside the current ones
 * (the overlap of a rotation) and retired. Counts the requests that came with a retired key. Its state is guarded by
 * its own monitor.
 */
final class FakeKeys {

	private final String first;

	private final Set<String> accepted = new LinkedHashSet<>();

	private final Set<String> retired = new LinkedHashSet<>();

	private int retiredKeyRequests;

	FakeKeys(String first) {
		this.first = first;
		this.accepted.add(first);
	}

	synchronized void accept(String key) {
		this.accepted.add(key);
		this.retired.remove(key);
	}

	synchronized void retire(String key) {
		if (this.accepted.remove(key)) {
			this.retired.add(key);
		}
	}

	synchronized Set<String> accepted() {
		return Set.copyOf(this.accepted);
	}

	synchronized int retiredKeyRequests() {
		return this.retiredKeyRequests;
	}

	/**
	 * Whether a request's {@code Authorization} header carries an accepted key; counts a retired one.
	 */
	synchronized boolean admits(@Nullable String authorization) {
		String key = (authorization != null && authorization.startsWith("Bearer "))
				? authorization.substring("Bearer ".length()) : null;
		if (key != null && this.accepted.contains(key)) {
			return true;
		}
		if (key != null && this.retired.contains(key)) {
			this.retiredKeyRequests++;
		}
		return false;
	}

	synchronized void reset() {
		this.accepted.clear();
		this.retired.clear();
		this.accepted.add(this.first);
		this.retiredKeyRequests = 0;
	}

}
