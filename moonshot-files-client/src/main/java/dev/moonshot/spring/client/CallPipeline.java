package dev.moonshot.spring.client;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.moonshot.spring.client.exception.MoonshotException;
import dev.moonshot.spring.client.exception.MoonshotFailure;
import dev.moonshot.spring.client.exception.MoonshotFailureKind;
import dev.moonshot.spring.client.model.MoonshotApiDeprecation;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * How every call of a client runs, through {@link #call}, in layers with one job each:
 * <ol>
 * <li><em>attempt</em>: wait for what the {@link RateLimiter} asks, build the request on the WebClient of the key
 * the {@link KeyRing} has now ({@link KeyedWebClients}), send it, read a 2xx answer with the
 * operation's decoder, and classify anything else, once, into a {@link MoonshotFailure}; one timer bounds it;</li>
 * <li><em>retry</em>: the {@link RetryPolicy} decides about each failed attempt; when the call ends in failure, the
 * {@link CallState} builds its one exception, and the {@link Operation}'s outcome rule says what it means;</li>
 * <li><em>observation</em>: a {@link CallObservation} around the whole call.</li>
 * </ol>
 */
final class CallPipeline {

	private static final Mono<?> TIMED_OUT = Mono
		.error(() -> new TimeoutException("no complete response within the attempt's time limit"));

	private final KeyedWebClients clients;

	/** A call succeeded: the provider is healthy (one instance for every call). */
	private final Consumer<Object> succeeded;

	private final Deadline responseDeadline;

	private final Deadline callDeadline;

	private final Deadline uploadDeadline;

	private final RetryPolicy retryPolicy;

	private final RateLimiter rateLimiter;

	private final MoonshotExceptionTranslator translator;

	private final CallObservation observation;

	private final DeprecationNotice deprecation;

	private final boolean versioned;

	private final KeyRing keys;

	CallPipeline(WebClient webClient, DefaultMoonshotFilesClientBuilder settings, KeyRing keys,
			MoonshotExceptionTranslator translator, Clock clock) {
		this.keys = keys;
		this.clients = new KeyedWebClients(webClient);
		this.responseDeadline = Deadline.response(settings.responseTimeout);
		this.callDeadline = Deadline.call(settings.callTimeout);
		this.uploadDeadline = Deadline.upload(settings.uploadTimeout);
		this.retryPolicy = new RetryPolicy(settings.retrySettings,
				(call) -> call.sentKey() != null && keys.isNewerThan(call.sentKey()));
		this.succeeded = (value) -> this.retryPolicy.succeeded();
		this.rateLimiter = new RateLimiter(settings.retrySettings, clock, CallPipeline::now, CallPipeline::timers);
		this.translator = translator;
		this.observation = new CallObservation(settings.observationRegistry, settings.observationConvention);
		this.deprecation = new DeprecationNotice(settings.apiVersion);
		this.versioned = settings.apiVersion != null;
	}

	/** What the provider said about retiring the client's API version, once it said so. */
	@Nullable MoonshotApiDeprecation deprecation() {
		return this.deprecation.announced();
	}

	/**
	 * Run a call, observed: the one way a request reaches the provider.
	 * @param operation what it does, declared once
	 * @param subject the file id (an upload's name), for messages, traces and the operation's rules
	 * @param request the request, built for each attempt on the WebClient with that attempt's key
	 * @return the call, not started before it is subscribed
	 */
	<T> Mono<T> call(Operation<T> operation, @Nullable String subject, Operation.Request request) {
		return Mono.deferContextual((reactorContext) -> {
			CallObservation.Scope observed = this.observation.open(operation, subject, reactorContext);
			CallState state = new CallState(now() + callDeadline(operation).timeout().toMillis());
			Mono<T> firstAttempt;
			try {
				firstAttempt = attempt(operation, subject, request, state, observed);
			}
			catch (RuntimeException ex) {
				// as Mono.defer would: a failure to build the attempt still ends the call inside its observation
				firstAttempt = Mono.error(ex);
			}
			// one operator for every failure of the first attempt: the retry machinery is built after a first
			// failure only, so a call that succeeds pays nothing for it
			Mono<T> call = firstAttempt.doOnSuccess(this.succeeded)
				.onErrorResume((failure) -> {
					if (failure instanceof AttemptFailure first) {
						return retried(operation, subject, request, state, observed, first);
					}
					return (failure instanceof MoonshotException ended) ? operation.outcome(ended, state, subject)
							: Mono.error(failure);
				});
			return observed.observe(call);
		});
	}

	/**
	 * The call after its first attempt failed: the retry policy decides about each failure; the call ends with the
	 * value of a later attempt, or with the exception its state builds, which the operation's outcome rule reads.
	 */
	private <T> Mono<T> retried(Operation<T> operation, @Nullable String subject, Operation.Request request,
			CallState state, CallObservation.Scope observed, AttemptFailure first) {
		Mono<T> attempt = Mono.defer(() -> attempt(operation, subject, request, state, observed));
		return replaying(first, attempt).retryWhen(Retry.from((signals) -> signals.concatMap((signal) -> {
			if (!(signal.failure() instanceof AttemptFailure failed)) {
				return Mono.error(signal.failure());
			}
			MoonshotFailure failure = failed.failure();
			RetryPolicy.Decision decision = this.retryPolicy.decide(failure, state,
					operation.mayRepeat(failure, this.versioned), now());
			if (decision.delay() == null) {
				return Mono.error(state.fail(failure, decision.refusal()));
			}
			state.retrying(failure);
			observed.retrying(decision.reason());
			return Mono.delay(decision.delay(), timers());
		})))
			.doOnSuccess(this.succeeded)
			.onErrorResume(MoonshotException.class, (failure) -> operation.outcome(failure, state, subject));
	}

	/**
	 * Observe an operation made of several calls as one: its calls report to its observation.
	 * @param operation what it does
	 * @param work its calls
	 * @return the observed operation
	 */
	<T> Mono<T> observe(Operation<?> operation, Mono<T> work) {
		return this.observation.observe(operation, work);
	}

	/**
	 * Hear what the provider says of its rate limit in every answer to this client, until disposed.
	 * @param listener a bulk operation pacing itself
	 * @return what stops it
	 */
	Disposable listen(RateLimiter.Listener listener) {
		return this.rateLimiter.listen(listener);
	}

	/**
	 * The first failure again, then the attempt on each later subscription: what the retry layer resubscribes to.
	 */
	private static <T> Mono<T> replaying(AttemptFailure first, Mono<T> attempt) {
		AtomicBoolean replayed = new AtomicBoolean();
		return Mono.defer(() -> replayed.getAndSet(true) ? attempt : Mono.error(first));
	}

	/**
	 * One attempt: a value, or an {@link AttemptFailure}.
	 */
	private <T> Mono<T> attempt(Operation<T> operation, @Nullable String subject, Operation.Request request,
			CallState state, CallObservation.Scope observed) {
		state.attemptStarted();
		Mono<Void> wait = this.rateLimiter.beforeAttempt(state.deadlineAtMillis(),
				(why) -> new AttemptFailure(MoonshotFailure.unanswered(MoonshotFailureKind.CALL_TIMEOUT,
						MoonshotFailure.Delivery.NOT_SENT, "Moonshot " + operation.describe(subject) + " was not sent: "
								+ why + ", past the " + callDeadline(operation).describe(),
						callDeadline(operation).timeout(), null)), observed::held);
		return (wait != null) ? wait.then(Mono.defer(() -> send(operation, subject, request, state)))
				: send(operation, subject, request, state);
	}

	private <T> Mono<T> send(Operation<T> operation, @Nullable String subject, Operation.Request request,
			CallState state) {
		// the one place that says which time limit an attempt runs under: its own, or what is left of the call's
		Deadline own = (operation.timeLimit == Operation.TimeLimit.UPLOAD) ? this.uploadDeadline
				: this.responseDeadline;
		long remaining = state.deadlineAtMillis() - now();
		boolean cutByCall = remaining < own.timeout().toMillis();
		Deadline limit = cutByCall ? callDeadline(operation) : own;
		// the key is asked for now, by each attempt: a rotated key is used from the next attempt on
		KeyRing.Key key = this.keys.current();
		state.sending(key);
		return request.on(this.clients.of(key)).exchangeToMono((response) -> {
			HttpHeaders headers = response.headers().asHttpHeaders();
			this.deprecation.observe(headers);
			this.rateLimiter.answered(headers);
			return response.statusCode().is2xxSuccessful() ? operation.decode(response, subject)
					: this.translator.fromResponse(response, operation.describe(subject)).flatMap(Mono::error);
		})
			// on the hashed wheel (no thread woken per attempt); with a fallback, Reactor builds no description of the
			// timed-out chain on each subscription
			.timeout(AttemptTimer.after(cutByCall ? Duration.ofMillis(Math.max(1, remaining)) : own.timeout()),
					timedOut())
			.onErrorMap((failure) -> {
				Throwable translated = this.translator.fromFailure(failure, operation.describe(subject), limit);
				if (translated instanceof AttemptFailure attemptFailure) {
					this.rateLimiter.failed(attemptFailure.failure());
				}
				return translated;
			});
	}

	/** What an attempt that ran out of time signals; the translator says which limit it was. */
	@SuppressWarnings("unchecked")
	private static <T> Mono<T> timedOut() {
		return (Mono<T>) TIMED_OUT;
	}

	private Deadline callDeadline(Operation<?> operation) {
		return (operation.timeLimit == Operation.TimeLimit.UPLOAD) ? this.uploadDeadline : this.callDeadline;
	}

	private static long now() {
		return timers().now(TimeUnit.MILLISECONDS);
	}

	/**
	 * The clock of the deadlines and the scheduler of the waits between attempts, asked for each time so that tests
	 * in virtual time can replace it; the attempts' own time limits run on the {@link AttemptTimer}.
	 */
	private static Scheduler timers() {
		return Schedulers.parallel();
	}

}
