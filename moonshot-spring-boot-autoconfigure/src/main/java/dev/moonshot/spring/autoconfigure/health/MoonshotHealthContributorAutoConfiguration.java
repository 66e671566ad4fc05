package dev.moonshot.spring.autoconfigure.health;

import java.net.URI;

import dev.moonshot.spring.autoconfigure.MoonshotAutoConfiguration;
import dev.moonshot.spring.autoconfigure.MoonshotConnectionDetails;
import dev.moonshot.spring.autoconfigure.MoonshotProperties;
import dev.moonshot.spring.client.MoonshotFilesClient;
import dev.moonshot.spring.health.MoonshotHealthIndicator;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.CompositeReactiveHealthContributorConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code moonshot} health contributor: one {@link MoonshotHealthIndicator} per
 * {@link MoonshotFilesClient} bean, when Boot's health support is present and
 * {@code management.health.moonshot.enabled} is not false.
 */
@AutoConfiguration(after = MoonshotAutoConfiguration.class)
@ConditionalOnClass({ ReactiveHealthContributor.class, ConditionalOnEnabledHealthIndicator.class,
		MoonshotFilesClient.class })
@ConditionalOnBean({ MoonshotFilesClient.class, MoonshotProperties.class, MoonshotConnectionDetails.class })
@ConditionalOnEnabledHealthIndicator("moonshot")
public final class MoonshotHealthContributorAutoConfiguration
		extends CompositeReactiveHealthContributorConfiguration<MoonshotHealthIndicator, MoonshotFilesClient> {

	MoonshotHealthContributorAutoConfiguration(MoonshotProperties properties,
			MoonshotConnectionDetails connectionDetails) {
		super((client) -> new MoonshotHealthIndicator(client, hostOf(connectionDetails.getBaseUrl()),
				properties.getHealth().getTimeout(), properties.getHealth().getCacheTtl()));
	}

	@Bean
	@ConditionalOnMissingBean(name = { "moonshotHealthIndicator", "moonshotHealthContributor" })
	ReactiveHealthContributor moonshotHealthContributor(ConfigurableListableBeanFactory beanFactory) {
		return createContributor(beanFactory, MoonshotFilesClient.class);
	}

	private static String hostOf(String baseUrl) {
		String host = URI.create(baseUrl.strip()).getHost();
		return (host != null) ? host : "unknown";
	}

}
