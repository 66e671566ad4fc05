package dev.moonshot.spring.autoconfigure;

import java.nio.file.Path;

import dev.moonshot.spring.client.MoonshotClientObservationConvention;
import dev.moonshot.spring.client.MoonshotConnectionPools;
import dev.moonshot.spring.client.MoonshotCredentials;
import dev.moonshot.spring.client.MoonshotFilesClient;
import io.micrometer.observation.ObservationRegistry;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Scope;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of a {@link MoonshotFilesClient}.
 * <p>
 * The client is built from Boot's {@link WebClient.Builder} (so codecs, SSL bundles and observation instrumentation
 * carry over) with a connector of its own that applies {@code moonshot.connect-timeout} and never follows redirects,
 * then customized by every {@link MoonshotWebClientCustomizer} in order. With Reactor Netty, the connector uses a
 * connection pool of its own ({@code moonshot.max-connections}) on Reactor Netty's default event loops. The client
 * bean is the {@link MoonshotFilesClient.Builder} bean built: every {@link MoonshotFilesClientBuilderCustomizer} applied
 * in order, the properties among them ({@link MoonshotPropertiesBuilderCustomizer}, order 0).
 */
@AutoConfiguration(after = WebClientAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ WebClient.class, MoonshotFilesClient.class })
@ConditionalOnBooleanProperty(name = "moonshot.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MoonshotProperties.class)
public final class MoonshotAutoConfiguration {

	/** Name of the starter's {@link MoonshotCredentials} bean. */
	static final String CREDENTIALS_BEAN = "moonshotCredentials";

	/**
	 * Create the auto-configuration; Boot does.
	 */
	public MoonshotAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(MoonshotConnectionDetails.class)
	PropertiesMoonshotConnectionDetails moonshotConnectionDetails(MoonshotProperties properties,
			Environment environment) {
		return new PropertiesMoonshotConnectionDetails(properties, environment);
	}

	/**
	 * The API key, read on each attempt: from {@code moonshot.api-key-file} when set (re-read as it changes), else
	 * from the connection details ({@code moonshot.api-key} or {@code MOONSHOT_API_KEY}), refreshed with the
	 * environment when Spring Cloud's refresh is present. Define a bean of this type to take keys from elsewhere (a
	 * secrets manager's client). Made when a builder is first asked for: an application with a client of its own
	 * needs no key.
	 */
	@Bean(CREDENTIALS_BEAN)
	@Lazy
	@ConditionalOnMissingBean
	MoonshotCredentials moonshotCredentials(MoonshotProperties properties,
			MoonshotConnectionDetails connectionDetails) {
		Path file = properties.getApiKeyFile();
		if (file != null) {
			return ApiKeyFileCredentials.watch(file, properties.getApiKeyFileCheckInterval());
		}
		String apiKey = connectionDetails.getApiKey();
		if (!StringUtils.hasText(apiKey)) {
			throw new MissingMoonshotApiKeyException();
		}
		return new RefreshableMoonshotCredentials(apiKey);
	}

	/**
	 * A builder with every {@link MoonshotFilesClientBuilderCustomizer} applied in order, the properties' among them: inject
	 * it to build a client of your own with the application's settings (a prototype: each injection point gets a
	 * builder of its own).
	 */
	@Bean
	@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
	@ConditionalOnMissingBean
	MoonshotFilesClient.Builder moonshotFilesClientBuilder(MoonshotProperties properties,
			MoonshotConnectionDetails connectionDetails, MoonshotCredentials credentials,
			ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<ClientHttpConnectorBuilder<?>> clientHttpConnectorBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings,
			ObjectProvider<MoonshotWebClientCustomizer> webClientCustomizers,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<MoonshotClientObservationConvention> observationConvention,
			@Qualifier("moonshotConnectionPool") ObjectProvider<ConnectionProvider> connectionPool,
			ObjectProvider<MoonshotFilesClientBuilderCustomizer> builderCustomizers, ResourceLoader resourceLoader) {
		HttpClientSettings settings = httpClientSettings.getIfAvailable(HttpClientSettings::defaults)
			.withConnectTimeout(properties.getConnectTimeout())
			.withRedirects(HttpRedirects.DONT_FOLLOW);
		ClientHttpConnectorBuilder<?> connectorBuilder = clientHttpConnectorBuilder
			.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader()));
		ConnectionProvider pool = connectionPool.getIfAvailable();
		if (pool != null && connectorBuilder instanceof ReactorClientHttpConnectorBuilder reactor) {
			connectorBuilder = reactor.withHttpClientFactory(() -> HttpClient.create(pool));
		}
		// a copy: an application's own singleton WebClient.Builder must not get the Moonshot connector and customizers
		WebClient.Builder webClient = webClientBuilder.getIfAvailable(WebClient::builder)
			.clone()
			.clientConnector(connectorBuilder.build(settings));
		webClientCustomizers.orderedStream().forEach((customizer) -> customizer.customize(webClient));
		MoonshotFilesClient.Builder builder = MoonshotFilesClient.builder()
			.webClientBuilder(webClient)
			.baseUrl(connectionDetails.getBaseUrl())
			.credentials(credentials);
		observationRegistry.ifUnique(builder::observationRegistry);
		observationConvention.ifUnique(builder::observationConvention);
		// the properties are one customizer among them (MoonshotPropertiesBuilderCustomizer.ORDER)
		builderCustomizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

	@Bean
	MoonshotPropertiesBuilderCustomizer moonshotPropertiesBuilderCustomizer(MoonshotProperties properties) {
		return new MoonshotPropertiesBuilderCustomizer(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	MoonshotFilesClient moonshotFilesClient(MoonshotFilesClient.Builder moonshotFilesClientBuilder) {
		return moonshotFilesClientBuilder.build();
	}

	/**
	 * A connection pool of the client's own when the connector is Reactor Netty's: its global pool allows only
	 * {@code max(2 x cores, 16)} connections per host.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HttpClient.class, ReactorClientHttpConnectorBuilder.class })
	static class ReactorNettyConnectionPoolConfiguration {

		@Bean(destroyMethod = "dispose")
		@ConditionalOnMissingBean(name = "moonshotConnectionPool")
		ConnectionProvider moonshotConnectionPool(MoonshotProperties properties) {
			return MoonshotConnectionPools.create(properties.getMaxConnections());
		}

	}

	/**
	 * A changed {@code moonshot.api-key} is used from the next attempt on when Spring Cloud's refresh says the
	 * environment changed.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(EnvironmentChangeEvent.class)
	static class ApiKeyRefreshConfiguration {

		@Bean
		MoonshotApiKeyRefreshListener moonshotApiKeyRefreshListener(ConfigurableBeanFactory beanFactory,
				MoonshotConnectionDetails connectionDetails) {
			return new MoonshotApiKeyRefreshListener(beanFactory, connectionDetails);
		}

	}

	/**
	 * Masks the API key in Actuator's {@code /configprops} and {@code /env}, even with {@code show-values=always}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class ActuatorSanitizingConfiguration {

		@Bean
		SanitizingFunction moonshotApiKeySanitizingFunction() {
			return new MoonshotApiKeySanitizingFunction();
		}

	}

}
