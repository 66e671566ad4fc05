package dev.moonshot.spring.observation;

import dev.moonshot.spring.client.FileUsage;
import dev.moonshot.spring.client.MoonshotFilesClientListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters of the Moonshot client, fed by its {@link MoonshotFilesClientListener} callbacks, so they cost no
 * request of their own:
 * <ul>
 * <li>{@code moonshot.files.retries} (counter), tags {@code operation} and {@code reason}: retries made;</li>
 * <li>{@code moonshot.files.used} (gauge): files the account stores, of at most 1,000;</li>
 * <li>{@code moonshot.files.storage.used} (gauge, bytes): bytes the account stores, of at most 10 GiB.</li>
 * </ul>
 * The gauges are updated by every list response (list, usage, retention runs, health probes) and read NaN until the
 * first one.
 */
public class MoonshotClientMetrics implements MeterBinder, MoonshotFilesClientListener {

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
			.description("Bytes stored by the Moonshot account (at most 10 GiB), as of the last list response")
			.baseUnit("bytes")
			.register(registry);
		this.registry = registry;
	}

	@Override
	public void retrying(String operation, String reason) {
		MeterRegistry current = this.registry;
		if (current != null) {
			Counter.builder("moonshot.files.retries")
				.description("Retries of Moonshot Files API calls")
				.tag("operation", operation)
				.tag("reason", reason)
				.register(current)
				.increment();
		}
	}

	@Override
	public void usageObserved(FileUsage usage) {
		this.files = usage.files();
		this.bytes = usage.bytes();
	}

}
