package dev.moonshot.spring.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
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

	/** How many attempts of this client's calls the provider rate-limited: what bulk operations adapt to. */
	private final AtomicLong rateLimitedAnswers = new AtomicLong();

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
			Mono<T> retried = (this.retrySettings.enabled() && this.retrySettings.maxAttempts() > 1)
					? attempt.retryWhen(new MoonshotRetry(this.retrySettings, this.retryBudget, mayRepeat, state,
							timers(), CallObservation.current(reactorContext)))
					: attempt.onErrorMap(AttemptFailure.class, (failure) -> state.fail(failure, null));
			return retried.doOnSuccess((value) -> this.retryBudget.onSuccess());
		});
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
		long held = this.heldUntilMillis.get() - now();
		if (held <= 0) {
			return send(request, decoder, operation, subject, state, attemptLimit, callLimit);
		}
		if (held >= state.deadlineAtMillis() - now()) {
			return Mono.error(new AttemptFailure(AttemptFailure.Delivery.NOT_SENT, "Moonshot "
					+ operation.describe(subject) + " was not sent: the provider asked this client to wait another "
					+ held + " ms (Retry-After), past the " + callLimit.describe(),
					(detail) -> new MoonshotTimeoutException(detail, MoonshotTimeoutException.TimeoutType.CALL,
							callLimit.timeout(), null)));
		}
		// another call of this client was told to wait: every call waits, instead of each finding out for itself
		return Mono.delay(Duration.ofMillis(held), timers())
			.then(Mono.defer(() -> send(request, decoder, operation, subject, state, attemptLimit, callLimit)));
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

	long rateLimitedAnswers() {
		return this.rateLimitedAnswers.get();
	}

	/**
	 * {@code X-RateLimit-Remaining: 0} with {@code X-RateLimit-Reset: <seconds>}: the provider says the next request
	 * would be refused, so every call waits for the reset instead of finding out.
	 */
	private void holdWhileExhausted(HttpHeaders headers) {
		String remaining = headers.getFirst("X-RateLimit-Remaining");
		if (remaining != null && remaining.strip().equals("0")) {
			Duration reset = this.translator.retryAfter(headers.getFirst("X-RateLimit-Reset"));
			if (reset != null) {
				hold(reset);
			}
		}
	}

	/**
	 * Count a rate limit; one with a {@code Retry-After} holds back every call of the client until it passes.
	 */
	private Throwable noteRateLimit(Throwable failure) {
		if (failure instanceof AttemptFailure attempt
				&& attempt.exception() instanceof MoonshotRateLimitException rateLimited) {
			this.rateLimitedAnswers.incrementAndGet();
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

}
