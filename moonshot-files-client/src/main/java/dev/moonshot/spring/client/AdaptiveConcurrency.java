package dev.moonshot.spring.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Schedulers;

/**
 * How many calls of one bulk operation run at a time, and how fast they start, adapted to what the provider accepts,
 * in the spirit of TCP's AIMD and the AWS SDK's adaptive retry mode: the limit halves when the provider rate-limits
 * (at most once for the calls that were in flight together), grows by about one per round of calls that succeed, and
 * never exceeds the configured maximum. A call over the limit waits for a place; nothing is dropped. The first call
 * runs alone, so that the others start knowing what its answer said of the provider's limit.
 * <p>
 * It learns of rate limiting from the 429 answers the client hears while it runs ({@link #rateLimited}, fed by every
 * attempt of every call): a call during which one came ran into the limit, even when its own retry then succeeded. When the provider states
 * its limit in {@code X-RateLimit-*} headers (fed to {@link #answered} and {@link #rateLimited}), the calls are also
 * paced by an {@link AdaptiveRate} (every attempt of the client's calls takes its {@link #turn}), which keeps the
 * organization's bucket from running dry instead of waiting for a 429, whose whole-second {@code Retry-After} would
 * stop the whole client.
 */
final class AdaptiveConcurrency implements RateLimiter.Listener {

	private final int max;

	/** How many 429s for the rate the client heard while this operation ran ({@link #rateLimited}). */
	private long rateLimitedAnswers;

	private final Deque<MonoSink<Permit>> waiting = new ArrayDeque<>();

	private double limit;

	private int inFlight;

	private long generation;

	private boolean firstCallEnded;

	private final AdaptiveRate rate = new AdaptiveRate();

	private final Deque<MonoSink<Void>> paced = new ArrayDeque<>();

	private @Nullable Disposable releaseTimer;

	private long lastReleaseNanos = Long.MIN_VALUE;

	/**
	 * @param max the configured maximum
	 */
	AdaptiveConcurrency(int max) {
		this.max = max;
		this.limit = Math.min(max, MoonshotClientDefaults.BULK_DELETE_CONCURRENCY);
	}

	/**
	 * Run a call when there is room for it.
	 * @param call the call
	 * @return the call's result, after it had its place
	 */
	<T> Mono<T> run(Supplier<Mono<T>> call) {
		return Mono.usingWhen(acquire(), (permit) -> Mono.defer(call), this::released,
				(permit, error) -> released(permit), this::released);
	}

	@Override
	public synchronized void answered(int remaining, int limitPerMinute) {
		this.rate.observe(now(), remaining, limitPerMinute);
	}

	@Override
	public synchronized void rateLimited() {
		this.rateLimitedAnswers++;
		this.rate.rateLimited(now());
	}

	/**
	 * The turn of one attempt at the pace: at once while there is no pace or the last one left long enough ago,
	 * else in a queue that one timer releases, one attempt per interval at the rate of the moment (a slower or
	 * faster rate applies to the next release, not to turns booked in advance).
	 */
	@Override
	public synchronized boolean turnNow() {
		long at = now();
		if (mayGoAt(at)) {
			this.lastReleaseNanos = at;
			return true;
		}
		return false;
	}

	@Override
	public Mono<Void> turn() {
		return Mono.create((sink) -> {
			boolean now;
			synchronized (this) {
				long at = now();
				if (mayGoAt(at)) {
					this.lastReleaseNanos = at;
					now = true;
				}
				else {
					this.paced.add(sink);
					sink.onCancel(() -> {
						synchronized (this) {
							this.paced.remove(sink);
						}
					});
					scheduleRelease();
					now = false;
				}
			}
			if (now) {
				sink.success();
			}
		});
	}

	/** Whether an attempt may go at once: no pace, or none waiting and the last one left an interval ago. */
	private boolean mayGoAt(long at) {
		double rate = this.rate.rate();
		return rate == 0 || (this.paced.isEmpty() && this.releaseTimer == null
				&& (this.lastReleaseNanos == Long.MIN_VALUE || at - this.lastReleaseNanos >= 1e9 / rate));
	}

	/** Attempts waiting for their turn at the pace. */
	synchronized int pacedWaiting() {
		return this.paced.size();
	}

	private void scheduleRelease() {
		if (this.releaseTimer != null || this.paced.isEmpty()) {
			return;
		}
		double rate = this.rate.rate();
		long due = (rate == 0) ? 0 : Math.max(0, this.lastReleaseNanos + (long) (1e9 / rate) - now());
		this.releaseTimer = Schedulers.parallel().schedule(this::releaseNext, due, TimeUnit.NANOSECONDS);
	}

	private void releaseNext() {
		MonoSink<Void> next;
		synchronized (this) {
			this.releaseTimer = null;
			next = this.paced.poll();
			if (next != null) {
				this.lastReleaseNanos = now();
			}
			scheduleRelease();
		}
		if (next != null) {
			next.success();
		}
	}

	/** On the timers' clock, so that tests in virtual time can replace it. */
	private static long now() {
		return Schedulers.parallel().now(TimeUnit.NANOSECONDS);
	}

	/** The first call runs alone: its answer may state the provider's limit before the others start. */
	synchronized int limit() {
		return this.firstCallEnded ? (int) Math.floor(this.limit) : 1;
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
		return new Permit(this.generation, this.rateLimitedAnswers);
	}

	private Mono<Void> released(Permit permit) {
		return Mono.fromRunnable(() -> release(permit));
	}

	void release(Permit permit) {
		// made only when a call waits: in the steady state every call finds its place at once
		List<MonoSink<Permit>> admitted = null;
		List<Permit> permits = null;
		synchronized (this) {
			boolean rateLimited = this.rateLimitedAnswers > permit.rateLimitedAnswersAtStart();
			this.inFlight--;
			this.firstCallEnded = true;
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
				if (admitted == null) {
					admitted = new ArrayList<>(2);
					permits = new ArrayList<>(2);
				}
				admitted.add(this.waiting.poll());
				permits.add(grant());
			}
		}
		for (int i = 0; admitted != null && i < admitted.size(); i++) {
			admitted.get(i).success(permits.get(i));
		}
	}

	/**
	 * A place for one call, and what the world looked like when it got it.
	 */
	record Permit(long generation, long rateLimitedAnswersAtStart) {

	}

}
