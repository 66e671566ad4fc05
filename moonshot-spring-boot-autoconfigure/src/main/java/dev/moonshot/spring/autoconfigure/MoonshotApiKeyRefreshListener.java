package dev.moonshot.spring.autoconfigure;

import dev.moonshot.spring.client.MoonshotCredentials;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;

/**
 * Hands a changed {@code moonshot.api-key} to the client's credentials when Spring Cloud says the environment changed
 * ({@code /actuator/refresh}, {@code /actuator/env}, a config server's push). Only the starter's own credentials are
 * refreshed: a key file and an application's own {@link MoonshotCredentials} change by themselves.
 */
final class MoonshotApiKeyRefreshListener implements ApplicationListener<EnvironmentChangeEvent> {

	private final ObjectProvider<MoonshotCredentials> credentials;

	private final MoonshotConnectionDetails connectionDetails;

	MoonshotApiKeyRefreshListener(ObjectProvider<MoonshotCredentials> credentials,
			MoonshotConnectionDetails connectionDetails) {
		this.credentials = credentials;
		this.connectionDetails = connectionDetails;
	}

	@Override
	public void onApplicationEvent(EnvironmentChangeEvent event) {
		if (this.credentials.getIfUnique() instanceof RefreshableMoonshotCredentials refreshable) {
			refreshable.refresh((this.connectionDetails instanceof PropertiesMoonshotConnectionDetails properties)
					? properties.getCurrentApiKey() : this.connectionDetails.getApiKey());
		}
	}

}
