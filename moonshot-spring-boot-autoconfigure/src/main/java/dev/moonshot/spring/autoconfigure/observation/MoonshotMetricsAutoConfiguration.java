package dev.moonshot.spring.autoconfigure.observation;

import dev.moonshot.spring.autoconfigure.MoonshotAutoConfiguration;
import dev.moonshot.spring.client.DefaultMoonshotClientObservationConvention;
import dev.moonshot.spring.client.MoonshotClientObservationContext;
import dev.moonshot.spring.observation.MoonshotClientMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of {@link MoonshotClientMetrics} when Micrometer is present: a {@code MeterBinder} that Boot
 * binds to the application's registry, and an {@code ObservationHandler} that Boot registers with the observation
 * registry, where it reads retries and quota usage off the client's observations.
 */
@AutoConfiguration(before = MoonshotAutoConfiguration.class)
@ConditionalOnClass({ MeterRegistry.class, MoonshotClientMetrics.class })
@ConditionalOnBooleanProperty(name = "moonshot.enabled", matchIfMissing = true)
public final class MoonshotMetricsAutoConfiguration {

	/**
	 * Create the auto-configuration; Boot does.
	 */
	public MoonshotMetricsAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	MoonshotClientMetrics moonshotClientMetrics() {
		return new MoonshotClientMetrics();
	}

	/**
	 * Retries are counted once, as {@code moonshot.files.retries} with their reason. Micrometer's observation handler
	 * would count the same {@code retry} events again, as {@code moonshot.files.requests.retry}, tagged with the
	 * call's tags as they stand mid-call (no outcome yet, no reason): that counter is denied.
	 */
	@Bean
	MeterFilter moonshotRetryEventMeterFilter() {
		String eventCounter = DefaultMoonshotClientObservationConvention.NAME + "."
				+ MoonshotClientObservationContext.RETRY.getName();
		return MeterFilter.deny((id) -> id.getName().equals(eventCounter));
	}

}
