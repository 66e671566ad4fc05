package dev.moonshot.spring.observation;

import java.util.function.Consumer;

import dev.moonshot.spring.client.retention.RetentionReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters of the retention job, from its reports: {@code moonshot.retention.deletions} (counter), tagged
 * {@code outcome} = {@code deleted}, {@code already_absent} or {@code failed}, and {@code moonshot.retention.selected}
 * (counter) of the files dry runs would have deleted. Runs and their duration are the {@code moonshot.retention.runs}
 * observation's timer.
 */
public class MoonshotRetentionMetrics implements MeterBinder, Consumer<RetentionReport> {

	/**
	 * Create it; the auto-configuration does.
	 */
	public MoonshotRetentionMetrics() {
	}

	private volatile @Nullable MeterRegistry registry;

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void accept(RetentionReport report) {
		MeterRegistry current = this.registry;
		if (current == null) {
			return;
		}
		if (report.rule().dryRun()) {
			counter(current, "moonshot.retention.selected", "dry_run", "true").increment(report.selected().size());
			return;
		}
		counter(current, "moonshot.retention.deletions", "outcome", "deleted").increment(report.deleted().size());
		counter(current, "moonshot.retention.deletions", "outcome", "already_absent")
			.increment(report.alreadyAbsent().size());
		counter(current, "moonshot.retention.deletions", "outcome", "failed").increment(report.failures().size());
	}

	private static Counter counter(MeterRegistry registry, String name, String tag, String value) {
		return Counter.builder(name).description("Files of Moonshot retention runs").tag(tag, value).register(registry);
	}

}
