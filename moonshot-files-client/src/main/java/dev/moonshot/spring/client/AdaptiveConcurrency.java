package dev.moonshot.spring.client;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * How many calls of one bulk operation run at a time, adapted to what the provider accepts, in the spirit of TCP's
 * AIMD and the AWS SDK's adaptive retry mode: the limit halves when the provider rate-limits (at most once for the
 * calls that were in flight together), grows by about one per round of calls that succeed, and never exceeds the
 * configured maximum. A call over the limit waits for a place; nothing is dropped.
 * <p>
 * It learns of rate limiting from the client's count of 429 answers, which every attempt of every call feeds: a call
 * during which the count grew ran into the limit, even when its own retry then succeeded.
 */
final class AdaptiveConcurrency {

	private final int max;

	private final LongSupplier rateLimitedAnswers;

	private final Deque<MonoSink<Permit>> waiting = new ArrayDeque<>();

	private double limit;

	private int inFlight;

	private long generation;

	/**
	 * @param max the configured maximum
	 * @param rateLimitedAnswers the client's count of 429 answers so far
	 */
	AdaptiveConcurrency(int max, LongSupplier rateLimitedAnswers) {
		this.max = max;
		this.rateLimitedAnswers = rateLimitedAnswers;
		this.limit = Math.min(max, MoonshotClientDefaults.BULK_DELETE_CONCURRENCY);
	}

	/**
	 * Run a call when there is room for it.
	 * @param call the call
	 * @return the call's result, after it had its place
	 */
	<T> Mono<T> run(Supplier<Mono<T>> call) {
		return Mono.usingWhen(acquire(), (permit) -> Mono.defer(call), this::released, (permit, error) -> released(permit),
				this::released);
	}

	synchronized int limit() {
		return (int) Math.floor(this.limit);
	}

	synchronized int inFlight() {
		return this.inFlight;
	}

	private Mono<Permit> acquire() {
		return Mono.create((sink) -> {
			Permit granted = null;
			synchronized (this) {
				if (this.inFlight < limit()) {
					granted = grant();
				}
				else {
					this.waiting.add(sink);
					sink.onCancel(() -> {
						synchronized (this) {
							this.waiting.remove(sink);
						}
					});
				}
			}
			if (granted != null) {
				sink.success(granted);
			}
		});
	}

	private Permit grant() {
		this.inFlight++;
		return new Permit(this.generation, this.rateLimitedAnswers.getAsLong());
	}

	private Mono<Void> released(Permit permit) {
		return Mono.fromRunnable(() -> release(permit));
	}

	void release(Permit permit) {
		boolean rateLimited = this.rateLimitedAnswers.getAsLong() > permit.rateLimitedAnswersAtStart();
		Deque<MonoSink<Permit>> admitted = new ArrayDeque<>();
		Deque<Permit> permits = new ArrayDeque<>();
		synchronized (this) {
			this.inFlight--;
			if (rateLimited) {
				// once for the calls that ran together: a later generation has already backed off
				if (permit.generation() == this.generation) {
					this.limit = Math.max(1, this.limit / 2);
					this.generation++;
				}
			}
			else {
				this.limit = Math.min(this.max, this.limit + 1 / this.limit);
			}
			while (!this.waiting.isEmpty() && this.inFlight < limit()) {
				admitted.add(this.waiting.poll());
				permits.add(grant());
			}
		}
		while (!admitted.isEmpty()) {
			admitted.poll().success(permits.poll());
		}
	}

	/**
	 * A place for one call, and what the world looked like when it got it.
	 */
	record Permit(long generation, long rateLimitedAnswersAtStart) {

	}

}
