package dev.moonshot.spring.client;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import dev.moonshot.spring.client.exception.MoonshotFailure;
import dev.moonshot.spring.client.exception.MoonshotFailureKind;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.http.HttpHeaders;

/**
 * What a client does about the provider's rate limit, in one place. The call pipeline asks it before each attempt
 * ({@link #beforeAttempt}) and tells it of each answer ({@link #answered}) and each failure ({@link #failed}):
 * <ul>
 * <li>a {@code Retry-After} that one call hears holds back every call of the client, and the held calls leave one at
 * a time, at the stated limit's pace, not in one burst;</li>
 * <li>{@code X-RateLimit-Remaining: 0} holds every call until the next request is due at the stated limit
 * ({@code X-RateLimit-Limit} per minute), never past {@code X-RateLimit-Reset};</li>
 * <li>while a bulk operation paces itself ({@link #listen}), every attempt, retries too, waits for its turn.</li>
 * </ul>
 * No hold is longer than the longest backoff.
 */
final class RateLimiter {

	private final MoonshotRetrySettings retrySettings;

	private final Clock clock;

	private final LongSupplier nowMillis;

	private final Supplier<Scheduler> timers;

	/** Until when a hold keeps back every call of this client, on the timers' clock. */
	private final AtomicLong heldUntilMillis = new AtomicLong();

	/** When the last call kept back by the hold is let go. */
	private final AtomicLong releasedUntilMillis = new AtomicLong();

	/** The time between two requests at the limit the provider stated, 0 until it stated one. */
	private volatile long spacingMillis;

	/** The bulk operations in progress, which pace themselves by what the provider says of its limit. */
	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	/**
	 * @param retrySettings whose longest backoff caps every hold
	 * @param clock what HTTP dates are read against
	 * @param nowMillis the timers' clock
	 * @param timers where the waits run, asked for each time (tests in virtual time replace it)
	 */
	RateLimiter(MoonshotRetrySettings retrySettings, Clock clock, LongSupplier nowMillis, Supplier<Scheduler> timers) {
		this.retrySettings = retrySettings;
		this.clock = clock;
		this.nowMillis = nowMillis;
		this.timers = timers;
	}

	/**
	 * What an attempt waits for before it is sent, within its call's deadline.
	 * @param deadlineAtMillis when the call must end
	 * @param tooLate the failure of an attempt that could not be sent before the deadline, given why
	 * @param held told how long a hold keeps the attempt back, when one does
	 * @return the wait, or {@code null} when the attempt may go at once
	 */
	@Nullable Mono<Void> beforeAttempt(long deadlineAtMillis, Function<String, AttemptFailure> tooLate,
			LongConsumer held) {
		long now = this.nowMillis.getAsLong();
		long heldUntil = this.heldUntilMillis.get();
		if (heldUntil <= now && this.listeners.isEmpty()) {
			return null;
		}
		long hold = 0;
		if (heldUntil > now) {
			long spacing = this.spacingMillis;
			hold = this.releasedUntilMillis.accumulateAndGet(heldUntil,
					(last, until) -> Math.max(until, (last > now) ? last + spacing : until)) - now;
		}
		if (hold >= deadlineAtMillis - now) {
			return Mono.error(tooLate.apply("the provider asked this client to wait another " + hold
					+ " ms (Retry-After)"));
		}
		if (hold > 0) {
			held.accept(hold);
		}
		Mono<Void> wait = (hold > 0) ? Mono.delay(Duration.ofMillis(hold), this.timers.get()).then() : null;
		for (Listener listener : this.listeners) {
			// an attempt that is not held and whose turn is now goes at once: no operator, no timer
			if (wait == null && listener.turnNow()) {
				continue;
			}
			Mono<Void> turn = Mono.defer(() -> listener.turn()
				.timeout(Duration.ofMillis(Math.max(1, deadlineAtMillis - this.nowMillis.getAsLong())),
						Mono.<Void>error(() -> tooLate.apply("its bulk operation paces its requests to the "
								+ "provider's stated rate limit, and its turn did not come")),
						this.timers.get()));
			wait = (wait != null) ? wait.then(turn) : turn;
		}
		return wait;
	}

	/**
	 * An answer arrived: what it says of the organization's bucket.
	 * @param headers its headers
	 */
	void answered(HttpHeaders headers) {
		ProviderHeaders.RateLimitState state = ProviderHeaders.rateLimit(headers, this.clock);
		if (state == null) {
			return;
		}
		if (state.limitPerMinute() > 0) {
			this.spacingMillis = 60_000 / state.limitPerMinute();
		}
		for (Listener listener : this.listeners) {
			listener.answered(state.remaining(), state.limitPerMinute());
		}
		if (state.remaining() == 0) {
			Duration reset = state.reset();
			if (state.limitPerMinute() > 0) {
				Duration nextRequest = Duration.ofMillis(Math.max(1, this.spacingMillis));
				hold((reset != null && reset.compareTo(nextRequest) < 0) ? reset : nextRequest);
			}
			else if (reset != null) {
				hold(reset);
			}
		}
	}

	/**
	 * An attempt failed: a rate limit is counted, and one with a {@code Retry-After} holds every call back.
	 * @param failure how it failed
	 */
	void failed(MoonshotFailure failure) {
		if (failure.kind() != MoonshotFailureKind.RATE_LIMITED && failure.kind() != MoonshotFailureKind.OVERLOADED) {
			return;
		}
		for (Listener listener : this.listeners) {
			listener.rateLimited();
		}
		if (failure.retryAfter() != null) {
			hold(failure.retryAfter());
		}
	}

	/**
	 * Hear what the provider says of its rate limit in every answer to this client, until disposed.
	 * @param listener told of each answer's {@code X-RateLimit-*} headers and of each 429 for the rate
	 * @return what stops it
	 */
	Disposable listen(Listener listener) {
		this.listeners.add(listener);
		return () -> this.listeners.remove(listener);
	}

	private void hold(Duration wait) {
		this.heldUntilMillis.accumulateAndGet(this.nowMillis.getAsLong() + this.retrySettings.capped(wait).toMillis(),
				Math::max);
	}

	/**
	 * What a bulk operation hears of the provider's rate limit.
	 */
	interface Listener {

		/**
		 * An answer stated the organization's bucket.
		 * @param remaining {@code X-RateLimit-Remaining}
		 * @param limitPerMinute {@code X-RateLimit-Limit}, or -1 when not stated
		 */
		void answered(int remaining, int limitPerMinute);

		/** The provider refused a request for the rate (429). */
		void rateLimited();

		/**
		 * Take the turn of an attempt that is ready to be sent, if it is now.
		 * @return {@code true} if the attempt may go at once (its turn is taken), {@code false} if it must wait for
		 * {@link #turn()}
		 */
		boolean turnNow();

		/**
		 * The turn of an attempt that is ready to be sent.
		 * @return completes when the attempt may go
		 */
		Mono<Void> turn();

	}

}
