package dev.moonshot.spring.client;

import java.util.ArrayList;
import java.util.List;

/**
 * What one call has been through so far: how many attempts it made, the failures it retried, and whether one of them
 * may have reached the provider without an answer coming back (a timeout or a reset, not a refused connection).
 * Attempts of a call run one after another, each starting after the previous one ended.
 */
final class CallState {

	private volatile int attempts;

	private volatile boolean possiblyProcessed;

	private final List<MoonshotException> earlierFailures = new ArrayList<>(2);

	void attemptStarted() {
		this.attempts++;
	}

	int attempts() {
		return this.attempts;
	}

	/**
	 * Note a failed attempt.
	 */
	void attemptFailed(MoonshotException failure) {
		if (failure instanceof MoonshotTransportException && !(failure instanceof MoonshotConnectException)
				&& !MoonshotRetry.isConnectTimeout(failure)) {
			this.possiblyProcessed = true;
		}
	}

	/**
	 * Keep a failure that is about to be retried, to attach it to the final one.
	 */
	synchronized void failed(MoonshotException failure) {
		this.earlierFailures.add(failure);
	}

	synchronized List<MoonshotException> earlierFailures() {
		return List.copyOf(this.earlierFailures);
	}

	/**
	 * Whether an earlier attempt may have been processed although no response came back.
	 */
	boolean possiblyProcessed() {
		return this.possiblyProcessed;
	}

}
