package dev.moonshot.spring.autoconfigure.observation;

import java.util.Set;

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
	 * Retries and rate-limit holds are measured once, as {@code moonshot.files.retries} (with their reason) and
	 * {@code moonshot.files.rate.limit.holds} (with their wait). Micrometer's observation handler would count the same
	 * events again, as {@code moonshot.files.requests.retry} and {@code moonshot.files.requests.rate_limit_hold},
	 * tagged with the call's tags as they stand mid-call (no outcome yet, no reason): those counters are denied.
	 */
	@Bean
	MeterFilter moonshotRetryEventMeterFilter() {
		Set<String> eventCounters = Set.of(
				DefaultMoonshotClientObservationConvention.NAME + "." + MoonshotClientObservationContext.RETRY.getName(),
				DefaultMoonshotClientObservationConvention.NAME + "."
						+ MoonshotClientObservationContext.RATE_LIMIT_HOLD.getName());
		return MeterFilter.deny((id) -> eventCounters.contains(id.getName()));
	}

}
