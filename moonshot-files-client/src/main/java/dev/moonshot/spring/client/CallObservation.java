package dev.moonshot.spring.client;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * The observation layer: wraps a whole call, retries included, in a {@code moonshot.files.requests} observation,
 * made the parent of the WebClient's own {@code http.client.requests} observations. Retries are events of it.
 */
final class CallObservation {

	private static final MoonshotClientObservationConvention DEFAULT_CONVENTION =
			new DefaultMoonshotClientObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable MoonshotClientObservationConvention convention;

	CallObservation(ObservationRegistry registry, @Nullable MoonshotClientObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	/**
	 * Observe a call; with a no-op registry, the call as it is.
	 * @param call the call, retries included
	 * @param operation what it does
	 * @param fileId the file it is about, a high-cardinality value
	 * @return the observed call
	 */
	<T> Mono<T> observe(Mono<T> call, Operation operation, @Nullable String fileId) {
		if (this.registry.isNoop()) {
			return call;
		}
		return Mono.deferContextual((reactorContext) -> {
			MoonshotClientObservationContext context = new MoonshotClientObservationContext(operation.observedName,
					fileId);
			Observation observation = Observation
				.createNotStarted(this.convention, DEFAULT_CONVENTION, () -> context, this.registry)
				.parentObservation(reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null))
				.start();
			// stopped before the result travels on, so that the caller sees a completed observation
			return call.doOnSuccess((result) -> {
				context.setResult(result);
				context.setOutcome(MoonshotClientObservationContext.Outcome.SUCCESS);
				observation.stop();
			}).doOnError((ex) -> {
				context.setOutcome(outcomeOf(ex));
				observation.error(ex);
				observation.stop();
			}).doOnCancel(() -> {
				context.setOutcome(MoonshotClientObservationContext.Outcome.CANCELLED);
				observation.stop();
			}).contextWrite((reactor) -> reactor.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	/**
	 * The call's own observation in a subscriber context, if the call is observed (and not only some parent of it).
	 */
	static @Nullable Observation current(ContextView reactorContext) {
		Observation observation = reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
		return (observation != null && observation.getContext() instanceof MoonshotClientObservationContext)
				? observation : null;
	}

	/**
	 * Report a retry as an event of the call's observation.
	 * @param observation the call's observation, {@code null} when it is not observed
	 * @param reason why, from a bounded set
	 */
	static void retrying(@Nullable Observation observation, String reason) {
		if (observation != null && observation.getContext() instanceof MoonshotClientObservationContext context) {
			context.setRetryReason(reason);
			observation.event(MoonshotClientObservationContext.RETRY);
		}
	}

	private static MoonshotClientObservationContext.Outcome outcomeOf(Throwable failure) {
		if (failure instanceof MoonshotApiException api) {
			return api.getStatusCode().is5xxServerError() ? MoonshotClientObservationContext.Outcome.SERVER_ERROR
					: MoonshotClientObservationContext.Outcome.CLIENT_ERROR;
		}
		return MoonshotClientObservationContext.Outcome.TRANSPORT_ERROR;
	}

}
