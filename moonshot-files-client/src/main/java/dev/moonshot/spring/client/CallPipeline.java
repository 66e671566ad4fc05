package dev.moonshot.spring.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * How every call of a client runs, in three layers with one job each:
 * <ol>
 * <li><em>attempt</em>: send the request, read a 2xx answer with the operation's decoder, and translate anything
 * else, once, into an {@link AttemptFailure}; one timer bounds it, the response timeout cut short to what is left of
 * the call's deadline;</li>
 * <li><em>retry</em>: a {@link MoonshotRetry} that owns the call's {@link CallState} and ends the call with the
 * exception that state builds;</li>
 * <li><em>observation</em>: a {@link CallObservation} around the whole call.</li>
 * </ol>
 * Operation-specific rules stay with the operations: they pass their decoder and whether they may be repeated, and
 * interpret the outcome themselves.
 */
final class CallPipeline {

	private final Deadline responseDeadline;

	private final Deadline callDeadline;

	private final Deadline uploadDeadline;

	private final MoonshotRetrySettings retrySettings;

	private final RetryBudget retryBudget;

	private final MoonshotExceptionTranslator translator;

	private final CallObservation observation;

	private final DeprecationNotice deprecation;

	/** Until when a {@code Retry-After} holds back every call of this client, on the timers' clock. */
	private final AtomicLong heldUntilMillis = new AtomicLong();

	/** When the last call held back by {@link #heldUntilMillis} is let go. */
	private final AtomicLong releasedUntilMillis = new AtomicLong();

	/** The time between two requests at the limit the provider stated ({@code X-RateLimit-Limit}), 0 until then. */
	private volatile long spacingMillis;

	/** The bulk operations in progress, which pace themselves by what the provider says of its limit. */
	private final List<RateLimitListener> rateLimitListeners = new CopyOnWriteArrayList<>();

	CallPipeline(DefaultMoonshotFilesClientBuilder settings, MoonshotExceptionTranslator translator) {
		this.responseDeadline = Deadline.response(settings.responseTimeout);
		this.callDeadline = Deadline.call(settings.callTimeout);
		this.uploadDeadline = Deadline.upload(settings.uploadTimeout);
		this.retrySettings = settings.retrySettings;
		this.retryBudget = new RetryBudget(this.retrySettings.budgetCapacity(),
				this.retrySettings.budgetRefillPerSuccess());
		this.translator = translator;
		this.observation = new CallObservation(settings.observationRegistry, settings.observationConvention);
		this.deprecation = new DeprecationNotice(settings.apiVersion);
	}

	/** What the provider said about retiring the client's API version, once it said so. */
	@Nullable MoonshotApiDeprecation deprecation() {
		return this.deprecation.announced();
	}

	/**
	 * Run a call, observed.
	 * @param operation what it does
	 * @param subject the file id (an upload's filename), for messages and traces
	 * @param request the request, built from the operation's URI template
	 * @param decoder reads a 2xx answer
	 * @param mayRepeat whether the operation may be repeated after a given retryable failure
	 * @return the call, not started before it is subscribed
	 */
	<T> Mono<T> call(Operation operation, @Nullable String subject, WebClient.RequestHeadersSpec<?> request,
			Function<ClientResponse, Mono<T>> decoder, Predicate<AttemptFailure> mayRepeat) {
		return observed(operation, subject, retried(operation, subject, request, decoder, mayRepeat));
	}

	/**
	 * The attempt and retry layers of a call, for an operation that interprets their outcome before it is
	 * observed; see {@link #call}.
	 */
	<T> Mono<T> retried(Operation operation, @Nullable String subject, WebClient.RequestHeadersSpec<?> request,
			Function<ClientResponse, Mono<T>> decoder, Predicate<AttemptFailure> mayRepeat) {
		boolean upload = operation == Operation.UPLOAD;
		Deadline attemptLimit = upload ? this.uploadDeadline : this.responseDeadline;
		Deadline callLimit = upload ? this.uploadDeadline : this.callDeadline;
		return Mono.deferContextual((reactorContext) -> {
			CallState state = new CallState(now() + callLimit.timeout().toMillis());
			Mono<T> attempt = Mono.defer(() -> attempt(request, decoder, operation, subject, state, attemptLimit,
					callLimit));
			// the retry machinery is built after a first failure only: a call that succeeds pays nothing for it
			Mono<T> retried = (this.retrySettings.enabled() && this.retrySettings.maxAttempts() > 1)
					? attempt.onErrorResume(AttemptFailure.class, (first) -> replaying(first, attempt)
						.retryWhen(new MoonshotRetry(this.retrySettings, this.retryBudget, mayRepeat, state, timers(),
								CallObservation.current(reactorContext))))
					: attempt.onErrorMap(AttemptFailure.class, (failure) -> state.fail(failure, null));
			return retried.doOnSuccess((value) -> this.retryBudget.onSuccess());
		});
	}

	/**
	 * The first failure again, then the attempt on each later subscription: what the retry layer resubscribes to.
	 */
	private static <T> Mono<T> replaying(AttemptFailure first, Mono<T> attempt) {
		AtomicBoolean replayed = new AtomicBoolean();
		return Mono.defer(() -> replayed.getAndSet(true) ? attempt : Mono.error(first));
	}

	/**
	 * The observation layer around a call, retries included; uploads are observed without their filename.
	 */
	<T> Mono<T> observed(Operation operation, @Nullable String subject, Mono<T> call) {
		return this.observation.observe(call, operation, (operation == Operation.UPLOAD) ? null : subject);
	}

	/**
	 * One attempt: a value, or an {@link AttemptFailure}.
	 */
	private <T> Mono<T> attempt(WebClient.RequestHeadersSpec<?> request, Function<ClientResponse, Mono<T>> decoder,
			Operation operation, @Nullable String subject, CallState state, Deadline attemptLimit,
			Deadline callLimit) {
		state.attemptStarted();
		long now = now();
		long heldUntil = this.heldUntilMillis.get();
		long held = 0;
		if (heldUntil > now) {
			// another call of this client was told to wait: every call waits, instead of each finding out for
			// itself, and they leave the hold one at a time, at the stated limit's pace, not in one burst
			long spacing = this.spacingMillis;
			held = this.releasedUntilMillis.accumulateAndGet(heldUntil,
					(last, until) -> Math.max(until, (last > now) ? last + spacing : until)) - now;
		}
		if (held >= state.deadlineAtMillis() - now) {
			return Mono.error(notSent(operation, subject, callLimit,
					"the provider asked this client to wait another " + held + " ms (Retry-After)"));
		}
		Mono<Void> before = (held > 0) ? Mono.delay(Duration.ofMillis(held), timers()).then() : Mono.empty();
		// while a bulk operation paces itself, every attempt (retries too) waits for its turn, within the deadline
		for (RateLimitListener listener : this.rateLimitListeners) {
			before = before.then(Mono.defer(() -> listener.turn()
				.timeout(Duration.ofMillis(Math.max(1, state.deadlineAtMillis() - now())),
						Mono.<Void>error(() -> notSent(operation, subject, callLimit,
								"its bulk operation paces its requests to the provider's stated rate limit, and its "
										+ "turn did not come")),
						timers())));
		}
		if (held == 0 && this.rateLimitListeners.isEmpty()) {
			return send(request, decoder, operation, subject, state, attemptLimit, callLimit);
		}
		return before.then(Mono.defer(() -> send(request, decoder, operation, subject, state, attemptLimit, callLimit)));
	}

	private static AttemptFailure notSent(Operation operation, @Nullable String subject, Deadline callLimit,
			String why) {
		return new AttemptFailure(AttemptFailure.Delivery.NOT_SENT,
				"Moonshot " + operation.describe(subject) + " was not sent: " + why + ", past the " + callLimit.describe(),
				(detail) -> new MoonshotTimeoutException(detail, MoonshotTimeoutException.TimeoutType.CALL,
						callLimit.timeout(), null));
	}

	private <T> Mono<T> send(WebClient.RequestHeadersSpec<?> request, Function<ClientResponse, Mono<T>> decoder,
			Operation operation, @Nullable String subject, CallState state, Deadline attemptLimit,
			Deadline callLimit) {
		long remaining = state.deadlineAtMillis() - now();
		boolean cutByCall = remaining < attemptLimit.timeout().toMillis();
		Deadline limit = cutByCall ? callLimit : attemptLimit;
		Duration timeout = cutByCall ? Duration.ofMillis(Math.max(1, remaining)) : attemptLimit.timeout();
		return request
			.exchangeToMono((response) -> {
				HttpHeaders headers = response.headers().asHttpHeaders();
				this.deprecation.observe(headers);
				holdWhileExhausted(headers);
				return response.statusCode().is2xxSuccessful() ? decoder.apply(response)
						: this.translator.fromResponse(response, operation.describe(subject)).flatMap(Mono::error);
			})
			.timeout(timeout, timers())
			.onErrorMap((failure) -> noteRateLimit(
					this.translator.fromFailure(failure, operation.describe(subject), limit)));
	}

	/**
	 * Hear what the provider says of its rate limit in every answer to this client, until disposed.
	 * @param listener told of each answer's {@code X-RateLimit-*} headers and of each 429 for the rate
	 * @return what stops it
	 */
	Disposable listen(RateLimitListener listener) {
		this.rateLimitListeners.add(listener);
		return () -> this.rateLimitListeners.remove(listener);
	}

	/**
	 * {@code X-RateLimit-Remaining} tells the bulk operations how full the organization's bucket is. At {@code 0} the
	 * provider says the next request would be refused, so every call waits instead of finding out: until the next
	 * request is due at the stated limit ({@code X-RateLimit-Limit} per minute), never past {@code X-RateLimit-Reset}.
	 */
	private void holdWhileExhausted(HttpHeaders headers) {
		String remainingHeader = headers.getFirst("X-RateLimit-Remaining");
		int remaining = (remainingHeader != null) ? count(remainingHeader) : -1;
		if (remaining < 0) {
			return;
		}
		int limit = count(headers.getFirst("X-RateLimit-Limit"));
		if (limit > 0) {
			this.spacingMillis = 60_000 / limit;
		}
		for (RateLimitListener listener : this.rateLimitListeners) {
			listener.answered(remaining, limit);
		}
		if (remaining == 0) {
			Duration reset = this.translator.retryAfter(headers.getFirst("X-RateLimit-Reset"));
			if (limit > 0) {
				Duration nextRequest = Duration.ofMillis(Math.max(1, this.spacingMillis));
				hold((reset != null && reset.compareTo(nextRequest) < 0) ? reset : nextRequest);
			}
			else if (reset != null) {
				hold(reset);
			}
		}
	}

	/** A non-negative count, or -1 when the header is absent or not a count. */
	private static int count(@Nullable String header) {
		if (header == null) {
			return -1;
		}
		try {
			return Math.max(-1, Integer.parseInt(header.strip()));
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * Count a rate limit; one with a {@code Retry-After} holds back every call of the client until it passes.
	 */
	private Throwable noteRateLimit(Throwable failure) {
		if (failure instanceof AttemptFailure attempt
				&& attempt.exception() instanceof MoonshotRateLimitException rateLimited) {
			for (RateLimitListener listener : this.rateLimitListeners) {
				listener.rateLimited();
			}
			if (rateLimited.getRetryAfter() != null) {
				hold(rateLimited.getRetryAfter());
			}
		}
		return failure;
	}

	/** Hold every call back for a while, never longer than the longest backoff. */
	private void hold(Duration wait) {
		Duration capped = (wait.compareTo(this.retrySettings.maxBackoff()) > 0) ? this.retrySettings.maxBackoff()
				: wait;
		this.heldUntilMillis.accumulateAndGet(now() + capped.toMillis(), Math::max);
	}

	private static long now() {
		return timers().now(TimeUnit.MILLISECONDS);
	}

	/** Asked for each time, so that tests in virtual time can replace it. */
	private static Scheduler timers() {
		return Schedulers.parallel();
	}

	/**
	 * What a bulk operation hears of the provider's rate limit.
	 */
	interface RateLimitListener {

		/**
		 * An answer stated the organization's bucket.
		 * @param remaining {@code X-RateLimit-Remaining}
		 * @param limitPerMinute {@code X-RateLimit-Limit}, or -1 when not stated
		 */
		void answered(int remaining, int limitPerMinute);

		/** The provider refused a request for the rate (429 {@code rate_limit_reached_error}). */
		void rateLimited();

		/**
		 * The turn of an attempt that is ready to be sent.
		 * @return completes when the attempt may go
		 */
		Mono<Void> turn();

	}

}
