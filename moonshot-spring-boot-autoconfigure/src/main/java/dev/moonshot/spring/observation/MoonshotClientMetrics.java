package dev.moonshot.spring.observation;

import java.time.Duration;
import java.util.List;

import dev.moonshot.spring.client.MoonshotClientObservationContext;
import dev.moonshot.spring.client.model.FileObject;
import dev.moonshot.spring.client.model.FileUsage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters of the Moonshot client, read off its {@code moonshot.files.requests} observations, so they cost
 * no request of their own:
 * <ul>
 * <li>{@code moonshot.files.retries} (counter), tags {@code operation} and {@code reason}: retries made, one per
 * {@link MoonshotClientObservationContext#RETRY} event;</li>
 * <li>{@code moonshot.files.rate.limit.holds} (timer), tag {@code operation}: attempts the provider's rate limit kept
 * back before they were sent, and for how long, one per {@link MoonshotClientObservationContext#RATE_LIMIT_HOLD}
 * event;</li>
 * <li>{@code moonshot.files.used} (gauge): files the account stores, of at most 1,000;</li>
 * <li>{@code moonshot.files.storage.used} (gauge, bytes): bytes the account stores, of at most 10 GiB.</li>
 * </ul>
 * The gauges follow every list that succeeds (list, usage, retention runs, health probes) and read NaN until the
 * first one. As an {@link ObservationHandler} bean it is registered with the application's observation registry.
 */
public class MoonshotClientMetrics implements MeterBinder, ObservationHandler<MoonshotClientObservationContext> {

	/**
	 * Create it; the auto-configuration does.
	 */
	public MoonshotClientMetrics() {
	}

	private volatile @Nullable MeterRegistry registry;

	private volatile double files = Double.NaN;

	private volatile double bytes = Double.NaN;

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("moonshot.files.used", this, (metrics) -> metrics.files)
			.description("Files stored by the Moonshot account (at most " + FileUsage.MAX_FILES + "), as of the "
					+ "last list response")
			.baseUnit("files")
			.register(registry);
		Gauge.builder("moonshot.files.storage.used", this, (metrics) -> metrics.bytes)
			.description("Bytes stored by the Moonshot account (at most " + (FileUsage.MAX_TOTAL_BYTES >> 30)
					+ " GiB), as of the last list response")
			.baseUnit("bytes")
			.register(registry);
		this.registry = registry;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof MoonshotClientObservationContext;
	}

	@Override
	public void onEvent(Observation.Event event, MoonshotClientObservationContext context) {
		MeterRegistry current = this.registry;
		if (current == null) {
			return;
		}
		String reason = context.getRetryReason();
		if (reason != null && MoonshotClientObservationContext.RETRY.getName().equals(event.getName())) {
			Counter.builder("moonshot.files.retries")
				.description("Retries of Moonshot Files API calls")
				.tag("operation", context.getOperation())
				.tag("reason", reason)
				.register(current)
				.increment();
		}
		Duration hold = context.getRateLimitHold();
		if (hold != null && MoonshotClientObservationContext.RATE_LIMIT_HOLD.getName().equals(event.getName())) {
			Timer.builder("moonshot.files.rate.limit.holds")
				.description("Attempts the provider's rate limit kept back before they were sent, and for how long")
				.tag("operation", context.getOperation())
				.register(current)
				.record(hold);
		}
	}

	@Override
	@SuppressWarnings("unchecked") // the result of a list is its List<FileObject>
	public void onStop(MoonshotClientObservationContext context) {
		if ("list".equals(context.getOperation()) && context.getResult() instanceof List<?> files) {
			FileUsage usage = FileUsage.of((List<FileObject>) files);
			this.files = usage.files();
			this.bytes = usage.bytes();
		}
	}

}
