package dev.moonshot.spring.client;

import java.util.ArrayList;
import java.util.List;

import dev.moonshot.spring.client.exception.MoonshotException;
import dev.moonshot.spring.client.exception.MoonshotFailure;
import org.jspecify.annotations.Nullable;

/**
 * What one call has been through: its deadline, the attempts it made and the failures it retried. Attempts run one
 * after another, each starting after the previous one ended.
 */
final class CallState {

	private final long deadlineAtMillis;

	private volatile int attempts;

	private volatile @Nullable List<MoonshotFailure> retried;

	private volatile KeyRing.@Nullable Key sentKey;

	private volatile boolean repeatedWithNewerKey;

	/**
	 * @param deadlineAtMillis when the call must end, on the clock of the scheduler its timers run on
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
	 * The key the attempt that runs now sends.
	 */
	void sending(KeyRing.Key key) {
		this.sentKey = key;
	}

	/** The key the last attempt sent. */
	KeyRing.@Nullable Key sentKey() {
		return this.sentKey;
	}

	/** Whether the call has not yet repeated an attempt for a newer key (it does so once). */
	boolean mayRepeatWithNewerKey() {
		return !this.repeatedWithNewerKey;
	}

	void repeatingWithNewerKey() {
		this.repeatedWithNewerKey = true;
	}

	/**
	 * Keep a failure that is about to be retried: the final exception carries it.
	 */
	void retrying(MoonshotFailure failure) {
		List<MoonshotFailure> current = this.retried;
		if (current == null) {
			current = new ArrayList<>(2);
			this.retried = current;
		}
		current.add(failure);
	}

	/**
	 * Whether a retried attempt may have been processed although no usable answer came back.
	 */
	boolean possiblyProcessed() {
		List<MoonshotFailure> current = this.retried;
		return current != null && current.stream()
			.anyMatch((failure) -> failure.delivery() == MoonshotFailure.Delivery.POSSIBLY_PROCESSED);
	}

	/**
	 * The exception the call ends with, built once: the last failure's, with the attempts made, why no further one
	 * was, and the earlier failures as suppressed exceptions.
	 * @param last the failure of the last attempt
	 * @param refusal why a retry the failure allowed was not made (the budget, the deadline), or {@code null}
	 * @return the exception, complete before anyone sees it
	 */
	MoonshotException fail(MoonshotFailure last, @Nullable String refusal) {
		List<MoonshotFailure> earlier = (this.retried != null) ? this.retried : List.of();
		int made = earlier.size() + 1;
		String note = (made > 1) ? "gave up after " + made + " attempts" + ((refusal != null) ? ": " + refusal : "")
				: refusal;
		return last.toException(note, earlier);
	}

}
