package dev.moonshot.spring.client;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What one call has been through so far: how many attempts it made, the failures it retried, and whether one of them
 * may have reached the provider without an answer coming back (a timeout or a reset, not a refused connection).
 * Attempts of a call run one after another, each starting after the previous one ended.
 */
final class CallState {

	private final long deadlineAtMillis;

	private volatile int attempts;

	private volatile boolean possiblyProcessed;

	private @Nullable List<MoonshotException> earlierFailures;

	CallState() {
		this(Long.MAX_VALUE);
	}

	/**
	 * @param deadlineAtMillis when the call must end, on the parallel scheduler's clock
	 */
	CallState(long deadlineAtMillis) {
		this.deadlineAtMillis = deadlineAtMillis;
	}

	long deadlineAtMillis() {
		return this.deadlineAtMillis;
	}

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
		if (this.earlierFailures == null) {
			this.earlierFailures = new ArrayList<>(2);
		}
		this.earlierFailures.add(failure);
	}

	synchronized List<MoonshotException> earlierFailures() {
		return (this.earlierFailures != null) ? List.copyOf(this.earlierFailures) : List.of();
	}

	/**
	 * Whether an earlier attempt may have been processed although no response came back.
	 */
	boolean possiblyProcessed() {
		return this.possiblyProcessed;
	}

}
