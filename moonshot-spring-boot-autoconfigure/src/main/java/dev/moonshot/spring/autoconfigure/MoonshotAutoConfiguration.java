package dev.moonshot.spring.autoconfigure;

import dev.moonshot.spring.client.MoonshotFilesClient;
import dev.moonshot.spring.client.MoonshotRetrySettings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of a {@link MoonshotFilesClient}.
 * <p>
 * The client is built from Boot's {@link WebClient.Builder} (so codecs, SSL bundles and observation instrumentation
 * carry over) with a connector of its own that applies {@code moonshot.connect-timeout} and never follows redirects,
 * then customized by every {@link MoonshotWebClientCustomizer} in order.
 */
@AutoConfiguration(after = WebClientAutoConfiguration.class)
@ConditionalOnClass({ WebClient.class, MoonshotFilesClient.class })
@ConditionalOnBooleanProperty(name = "moonshot.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MoonshotProperties.class)
public final class MoonshotAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(MoonshotConnectionDetails.class)
	PropertiesMoonshotConnectionDetails moonshotConnectionDetails(MoonshotProperties properties,
			Environment environment) {
		return new PropertiesMoonshotConnectionDetails(properties, environment);
	}

	@Bean
	@ConditionalOnMissingBean
	MoonshotFilesClient moonshotFilesClient(MoonshotProperties properties, MoonshotConnectionDetails connectionDetails,
			ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<ClientHttpConnectorBuilder<?>> clientHttpConnectorBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings,
			ObjectProvider<MoonshotWebClientCustomizer> customizers, ResourceLoader resourceLoader) {
		String apiKey = connectionDetails.getApiKey();
		if (!StringUtils.hasText(apiKey)) {
			throw new MissingMoonshotApiKeyException();
		}
		HttpClientSettings settings = httpClientSettings.getIfAvailable(HttpClientSettings::defaults)
			.withConnectTimeout(properties.getConnectTimeout())
			.withRedirects(HttpRedirects.DONT_FOLLOW);
		WebClient.Builder builder = webClientBuilder.getIfAvailable(WebClient::builder)
			.clientConnector(clientHttpConnectorBuilder
				.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader()))
				.build(settings));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return MoonshotFilesClient.builder()
			.webClientBuilder(builder)
			.baseUrl(connectionDetails.getBaseUrl())
			.apiKey(apiKey)
			.allowInsecureHttp(properties.isAllowInsecureHttp())
			.responseTimeout(properties.getResponseTimeout())
			.callTimeout(properties.getCallTimeout())
			.uploadTimeout(properties.getUploadTimeout())
			.retry(retrySettings(properties.getRetry()))
			.bulkDeleteConcurrency(properties.getBulkDeleteConcurrency())
			.build();
	}

	private static MoonshotRetrySettings retrySettings(MoonshotProperties.Retry retry) {
		return new MoonshotRetrySettings(retry.isEnabled(), retry.getMaxAttempts(), retry.getInitialBackoff(),
				retry.getMaxBackoff(), retry.getJitter(), retry.getBudget().getCapacity(),
				retry.getBudget().getRefillPerSuccess());
	}

}
