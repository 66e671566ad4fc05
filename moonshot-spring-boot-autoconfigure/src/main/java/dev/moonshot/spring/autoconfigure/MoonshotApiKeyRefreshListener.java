package dev.moonshot.spring.autoconfigure;

import dev.moonshot.spring.client.MoonshotCredentials;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;

/**
 * Hands a changed {@code moonshot.api-key} to the client's credentials when Spring Cloud says the environment changed
 * ({@code /actuator/refresh}, {@code /actuator/env}, a config server's push). Only the starter's own credentials are
 * refreshed, and only once they exist: they are made when a client is first built, and an application with a client
 * of its own may have no key at all. A key file and an application's own {@link MoonshotCredentials} change by
 * themselves.
 */
final class MoonshotApiKeyRefreshListener implements ApplicationListener<EnvironmentChangeEvent> {

	private final ConfigurableBeanFactory beanFactory;

	private final MoonshotConnectionDetails connectionDetails;

	MoonshotApiKeyRefreshListener(ConfigurableBeanFactory beanFactory, MoonshotConnectionDetails connectionDetails) {
		this.beanFactory = beanFactory;
		this.connectionDetails = connectionDetails;
	}

	@Override
	public void onApplicationEvent(EnvironmentChangeEvent event) {
		// getSingleton never makes the bean
		if (this.beanFactory.getSingleton(MoonshotAutoConfiguration.CREDENTIALS_BEAN)
				instanceof RefreshableMoonshotCredentials refreshable) {
			refreshable.refresh((this.connectionDetails instanceof PropertiesMoonshotConnectionDetails properties)
					? properties.getCurrentApiKey() : this.connectionDetails.getApiKey());
		}
	}

}
