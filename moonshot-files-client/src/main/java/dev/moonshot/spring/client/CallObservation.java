package dev.moonshot.spring.client;

import java.time.Duration;

import dev.moonshot.spring.client.exception.MoonshotApiException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * The observation layer: wraps a whole call, retries included, in a {@code moonshot.files.requests} observation,
 * made the parent of the WebClient's own {@code http.client.requests} observations. Retries are events of it. With a
 * no-op registry nothing is created at all.
 */
final class CallObservation {

	private static final MoonshotClientObservationConvention DEFAULT_CONVENTION =
			new DefaultMoonshotClientObservationConvention();

	private static final Scope NONE = new Scope(null, false);

	private final ObservationRegistry registry;

	private final @Nullable MoonshotClientObservationConvention convention;

	CallObservation(ObservationRegistry registry, @Nullable MoonshotClientObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	/**
	 * The observation of a call that is starting: its own, or, for a call made by an operation observed as a
	 * whole (a list's pages), that operation's.
	 * @param operation what the call does
	 * @param subject the file it is about (a high-cardinality value); an upload's name is never observed
	 * @param reactorContext the subscriber's context, with the parent observation if any
	 * @return the call's scope of observation
	 */
	Scope open(Operation<?> operation, @Nullable String subject, ContextView reactorContext) {
		if (this.registry.isNoop()) {
			return NONE;
		}
		Observation parent = reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
		if (parent != null && parent.getContext() instanceof MoonshotClientObservationContext) {
			return new Scope(parent, false);
		}
		MoonshotClientObservationContext context = new MoonshotClientObservationContext(operation.observedName,
				(operation == Operation.UPLOAD) ? null : subject);
		return new Scope(Observation.createNotStarted(this.convention, DEFAULT_CONVENTION, () -> context, this.registry)
			.parentObservation(parent)
			.start(), true);
	}

	/**
	 * Observe an operation made of several calls as one (a list, page after page).
	 * @param operation what it does
	 * @param work its calls
	 * @return the observed operation
	 */
	<T> Mono<T> observe(Operation<?> operation, Mono<T> work) {
		return Mono.deferContextual((reactorContext) -> open(operation, null, reactorContext).observe(work));
	}

	/**
	 * One call's observation, if it is observed.
	 *
	 * @param observation the observation, {@code null} when not observed
	 * @param owned whether the call started it (and so stops it)
	 */
	record Scope(@Nullable Observation observation, boolean owned) {

		/**
		 * The call, observed: stopped before the result travels on, so that the caller sees a completed
		 * observation.
		 */
		<T> Mono<T> observe(Mono<T> call) {
			Observation current = this.observation;
			if (current == null || !this.owned) {
				return call;
			}
			MoonshotClientObservationContext context = (MoonshotClientObservationContext) current.getContext();
			return call.doOnSuccess((result) -> {
				context.setResult(result);
				context.setOutcome(MoonshotClientObservationContext.Outcome.SUCCESS);
				current.stop();
			}).doOnError((ex) -> {
				context.setOutcome(outcomeOf(ex));
				current.error(ex);
				current.stop();
			}).doOnCancel(() -> {
				context.setOutcome(MoonshotClientObservationContext.Outcome.CANCELLED);
				current.stop();
			}).contextWrite((reactor) -> reactor.put(ObservationThreadLocalAccessor.KEY, current));
		}

		/**
		 * Report a retry as an event of the observation, named {@code retry} (what meters count) and, for traces,
		 * with its reason in its contextual name ({@code retry unavailable}).
		 * @param reason why the failed attempt is repeated
		 */
		void retrying(@Nullable String reason) {
			if (this.observation != null
					&& this.observation.getContext() instanceof MoonshotClientObservationContext context) {
				String known = (reason != null) ? reason : "unknown";
				context.setRetryReason(known);
				this.observation.event(MoonshotClientObservationContext.retry(known));
			}
		}

		/**
		 * Report that the rate limit keeps an attempt back, as an event of the observation.
		 * @param millis how long it waits
		 */
		void held(long millis) {
			if (this.observation != null
					&& this.observation.getContext() instanceof MoonshotClientObservationContext context) {
				context.setRateLimitHold(Duration.ofMillis(millis));
				this.observation.event(MoonshotClientObservationContext.RATE_LIMIT_HOLD);
			}
		}

		private static MoonshotClientObservationContext.Outcome outcomeOf(Throwable failure) {
			if (failure instanceof MoonshotApiException api) {
				return api.getStatusCode().is5xxServerError()
						? MoonshotClientObservationContext.Outcome.SERVER_ERROR
						: MoonshotClientObservationContext.Outcome.CLIENT_ERROR;
			}
			return MoonshotClientObservationContext.Outcome.TRANSPORT_ERROR;
		}

	}

}
