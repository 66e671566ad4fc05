package dev.moonshot.spring.autoconfigure.retention;

import java.util.function.Consumer;

import dev.moonshot.spring.autoconfigure.MoonshotAutoConfiguration;
import dev.moonshot.spring.autoconfigure.MoonshotProperties;
import dev.moonshot.spring.autoconfigure.MoonshotPropertiesBuilderCustomizer;
import dev.moonshot.spring.client.MoonshotFilesClient;
import dev.moonshot.spring.client.model.FileScope;
import dev.moonshot.spring.client.retention.MoonshotRetention;
import dev.moonshot.spring.client.retention.RetentionReport;
import dev.moonshot.spring.client.retention.RetentionRule;
import dev.moonshot.spring.observation.MoonshotRetentionMetrics;
import dev.moonshot.spring.retention.MoonshotRetentionEndpoint;
import dev.moonshot.spring.retention.MoonshotRetentionJob;
import dev.moonshot.spring.retention.RetentionLock;
import dev.moonshot.spring.retention.ShedLockRetentionLock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.scheduling.support.PeriodicTrigger;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of the {@link MoonshotRetentionJob} when {@code moonshot.retention.enabled} is true: its rule
 * from {@code moonshot.scope.*} and {@code moonshot.retention.*}, one runner across instances when the application
 * has ShedLock and a {@link LockProvider}, its metrics with Micrometer, and the {@code moonshotretention} endpoint
 * with Actuator. It refuses to start when the settings do not say which files are the application's.
 */
@AutoConfiguration(after = MoonshotAutoConfiguration.class)
@ConditionalOnBooleanProperty("moonshot.retention.enabled")
@ConditionalOnBean({ MoonshotFilesClient.class, MoonshotProperties.class })
@EnableConfigurationProperties(MoonshotRetentionProperties.class)
public final class MoonshotRetentionAutoConfiguration {

	/**
	 * Create the auto-configuration; Boot does.
	 */
	public MoonshotRetentionAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	MoonshotRetentionJob moonshotRetentionJob(MoonshotFilesClient client, MoonshotProperties properties,
			MoonshotRetentionProperties retention, ObjectProvider<RetentionLock> lock,
			ObjectProvider<ObservationRegistry> observationRegistry, ObjectProvider<MoonshotRetentionMetrics> metrics) {
		RetentionRule rule = rule(properties, retention);
		Consumer<RetentionReport> listener = metrics.getIfAvailable(() -> null);
		return new MoonshotRetentionJob(new MoonshotRetention(client), rule, trigger(retention),
				retention.getDeadline(), lock.getIfAvailable(RetentionLock::local),
				observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP),
				(listener != null) ? listener : (report) -> {
				});
	}

	private static RetentionRule rule(MoonshotProperties properties, MoonshotRetentionProperties retention) {
		FileScope scope = scope(properties, retention);
		try {
			return new RetentionRule(scope, retention.getMaxAge(), retention.getMaxQuotaShare(),
					retention.getMaxDeletions(), retention.isDryRun());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidMoonshotRetentionException("The Moonshot retention job is enabled, but its rule is not "
					+ "valid: " + ex.getMessage() + ".", "Set moonshot.retention.max-age (e.g. 7d) and/or "
							+ "moonshot.retention.max-quota-share (e.g. 0.8), and a moonshot.retention.max-deletions "
							+ "of at least 1; or set moonshot.retention.enabled=false.");
		}
	}

	/**
	 * The application's files, as {@code moonshot.scope.*} says; without a prefix, every file the key can see, which
	 * takes either an API version (whose lists cover the key's project only) or an explicit
	 * {@code moonshot.retention.everything=true}.
	 */
	private static FileScope scope(MoonshotProperties properties, MoonshotRetentionProperties retention) {
		try {
			return MoonshotPropertiesBuilderCustomizer.fileScope(properties, retention.isEverything());
		}
		catch (IllegalArgumentException ex) {
			throw refused();
		}
	}

	private static InvalidMoonshotRetentionException refused() {
		return new InvalidMoonshotRetentionException("The Moonshot retention job is enabled, but nothing says which "
				+ "files are this application's: no moonshot.scope.filename-prefix is set, and without an API "
				+ "version every list covers the whole organization, so the job would also delete other "
				+ "applications' files.", "Set moonshot.scope.filename-prefix (e.g. 'invoices-'; the client then "
						+ "puts it before the name of every upload, and the job deletes only files that carry it), or "
						+ "set moonshot.api-version so that lists cover this key's project only. If this application "
						+ "really owns every file the key can see, set moonshot.retention.everything=true.");
	}

	private static Trigger trigger(MoonshotRetentionProperties retention) {
		if (StringUtils.hasText(retention.getCron())) {
			return new CronTrigger(retention.getCron().strip());
		}
		PeriodicTrigger periodic = new PeriodicTrigger(retention.getFixedDelay());
		periodic.setInitialDelay(retention.getInitialDelay());
		return periodic;
	}

	/**
	 * One runner at a time across instances, through the application's ShedLock lock provider.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ LockProvider.class, EnableSchedulerLock.class })
	@ConditionalOnBean(LockProvider.class)
	static class ShedLockConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RetentionLock moonshotRetentionLock(LockProvider lockProvider, MoonshotRetentionProperties retention) {
			return new ShedLockRetentionLock(lockProvider, retention.getLockName(), retention.getLockAtLeastFor());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MoonshotRetentionMetrics moonshotRetentionMetrics() {
			return new MoonshotRetentionMetrics();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
	@ConditionalOnAvailableEndpoint(MoonshotRetentionEndpoint.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MoonshotRetentionEndpoint moonshotRetentionEndpoint(MoonshotRetentionJob job) {
			return new MoonshotRetentionEndpoint(job);
		}

	}


}
