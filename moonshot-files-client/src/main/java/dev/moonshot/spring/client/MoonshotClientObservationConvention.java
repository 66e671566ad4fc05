package dev.moonshot.spring.client;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@code moonshot.files.requests} observation. Implement it to change them.
 */
public interface MoonshotClientObservationConvention extends ObservationConvention<MoonshotClientObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof MoonshotClientObservationContext;
	}

}
