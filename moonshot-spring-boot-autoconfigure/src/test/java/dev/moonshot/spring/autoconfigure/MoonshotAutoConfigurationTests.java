package dev.moonshot.spring.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.moonshot.spring.client.MoonshotClientDefaults;
import dev.moonshot.spring.client.MoonshotCredentials;
import dev.moonshot.spring.client.MoonshotFilesClient;
import dev.moonshot.spring.client.MoonshotRetrySettings;
import dev.moonshot.spring.client.exception.MoonshotApiException;
import dev.moonshot.spring.client.exception.MoonshotTimeoutException;
import dev.moonshot.spring.client.model.FileDeleteResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

class MoonshotAutoConfigurationTests {

	private static final String FILE_ID = "file-abc";

	@RegisterExtension
	static WireMockExtension wiremock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, CodecsAutoConfiguration.class,
				HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, MoonshotAutoConfiguration.class))
		.withPropertyValues("moonshot.base-url=" + wiremock.baseUrl());

	@Test
	void clientIsConfiguredFromProperties() {
		stubDeleted();
		this.contextRunner.withPropertyValues("moonshot.api-key=sk-from-properties").run((context) -> {
			assertThat(context).hasSingleBean(MoonshotFilesClient.class)
				.hasSingleBean(PropertiesMoonshotConnectionDetails.class);
			assertThat(context.getBean(MoonshotFilesClient.class).delete(FILE_ID).block().deleted()).isTrue();
			wiremock.verify(1, deleteRequestedFor(urlPathEqualTo("/v1/files/" + FILE_ID))
				.withHeader("Authorization", equalTo("Bearer sk-from-properties")));
		});
	}

	@Test
	void aConnectionPoolOfItsOwnSizedByProperty() {
		this.contextRunner.withPropertyValues("moonshot.api-key=k", "moonshot.max-connections=77")
			.run((context) -> assertThat(context).getBean("moonshotConnectionPool", ConnectionProvider.class)
				.satisfies((pool) -> assertThat(pool.maxConnections()).isEqualTo(77)));
	}

	@Test
	void theClientIsTheBuilderBeanBuiltAndEachInjectionGetsABuilderOfItsOwn() {
		this.contextRunner.withPropertyValues("moonshot.api-key=k", "moonshot.call-timeout=7s").run((context) -> {
			MoonshotFilesClient.Builder first = context.getBean(MoonshotFilesClient.Builder.class);
			MoonshotFilesClient.Builder second = context.getBean(MoonshotFilesClient.Builder.class);

			assertThat(first).isNotSameAs(second);
			assertThat(first.build().toString()).contains("callTimeout=PT7S");
			assertThat(context.getBean(MoonshotFilesClient.class).toString()).contains("callTimeout=PT7S");
		});
	}

	@Test
	void builderCustomizersAreAppliedInOrderAfterTheProperties() {
		stubDeleted();
		this.contextRunner.withPropertyValues("moonshot.api-key=k", "moonshot.call-timeout=7s")
			.withBean("later", MoonshotFilesClientBuilderCustomizer.class,
					() -> new OrderedBuilderCustomizer(2, (builder) -> builder.apiKey("sk-from-the-later-customizer")))
			.withBean("earlier", MoonshotFilesClientBuilderCustomizer.class,
					() -> new OrderedBuilderCustomizer(1, (builder) -> builder.apiKey("sk-from-the-earlier-customizer")
						.callTimeout(java.time.Duration.ofSeconds(9))
						.retry(MoonshotRetrySettings.disabled())))
			.run((context) -> {
				MoonshotFilesClient client = context.getBean(MoonshotFilesClient.class);
				assertThat(client.toString()).contains("callTimeout=PT9S").contains("enabled=false");
				client.delete(FILE_ID).block();
				wiremock.verify(1, deleteRequestedFor(urlPathEqualTo("/v1/files/" + FILE_ID))
					.withHeader("Authorization", equalTo("Bearer sk-from-the-later-customizer")));
			});
	}

	/** The properties are one customizer, of order 0: one ordered before it sets what the properties then override. */
	@Test
	void aBuilderCustomizerOrderedBeforeThePropertiesIsOverriddenByThem() {
		this.contextRunner
			.withPropertyValues("moonshot.api-key=k", "moonshot.call-timeout=7s", "moonshot.api-version= ",
					"moonshot.scope.filename-prefix=")
			.withBean("before", MoonshotFilesClientBuilderCustomizer.class,
					() -> new OrderedBuilderCustomizer(MoonshotPropertiesBuilderCustomizer.ORDER - 1,
							(builder) -> builder.callTimeout(java.time.Duration.ofSeconds(9))
								.responseTimeout(java.time.Duration.ofMillis(1234))))
			.run((context) -> {
				assertThat(context).hasSingleBean(MoonshotPropertiesBuilderCustomizer.class);
				assertThat(context.getBean(MoonshotFilesClient.class).toString()).contains("callTimeout=PT7S")
					.as("a property left at its default is still applied")
					.contains("responseTimeout=" + MoonshotClientDefaults.RESPONSE_TIMEOUT);
			});
	}

	@Test
	void aBuilderOfTheUsersOwnIsTheOneBuilt() {
		this.contextRunner.withPropertyValues("moonshot.api-key=k")
			.withBean(MoonshotFilesClient.Builder.class,
					() -> MoonshotFilesClient.builder().apiKey("sk-own").baseUrl(wiremock.baseUrl()).callTimeout(
							java.time.Duration.ofSeconds(3)))
			.run((context) -> assertThat(context.getBean(MoonshotFilesClient.class).toString())
				.contains("callTimeout=PT3S"));
	}

	@Test
	void noBuilderIsMadeForAUserClientSoItNeedsNoKey() {
		MoonshotFilesClient own = mock(MoonshotFilesClient.class);
		this.contextRunner.withBean(MoonshotFilesClient.class, () -> own)
			.run((context) -> assertThat(context).hasNotFailed().getBean(MoonshotFilesClient.class).isSameAs(own));
	}

	/** A customizer with an order. */
	record OrderedBuilderCustomizer(int order, MoonshotFilesClientBuilderCustomizer delegate)
			implements MoonshotFilesClientBuilderCustomizer, org.springframework.core.Ordered {

		@Override
		public void customize(MoonshotFilesClient.Builder builder) {
			this.delegate.customize(builder);
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

	@Test
	void backsOffFromAUserClient() {
		MoonshotFilesClient own = mock(MoonshotFilesClient.class);
		this.contextRunner.withBean(MoonshotFilesClient.class, () -> own)
			.run((context) -> assertThat(context).getBean(MoonshotFilesClient.class).isSameAs(own));
	}

	@Test
	void disabled() {
		this.contextRunner.withPropertyValues("moonshot.enabled=false", "moonshot.api-key=k")
			.run((context) -> assertThat(context).doesNotHaveBean(MoonshotFilesClient.class)
				.doesNotHaveBean(MoonshotConnectionDetails.class)
				.doesNotHaveBean(MoonshotProperties.class));
	}

	@Test
	void disabledNeedsNoKey() {
		this.contextRunner.withPropertyValues("moonshot.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MoonshotFilesClient.class));
	}

	@Test
	void noClientWithoutWebClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebClient.class))
			.withPropertyValues("moonshot.api-key=k")
			.run((context) -> assertThat(context).doesNotHaveBean(MoonshotFilesClient.class));
	}

	@Test
	void missingKeyFailsStartup() {
		this.contextRunner.run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.isInstanceOf(MissingMoonshotApiKeyException.class));
	}

	@Test
	void blankKeyFailsStartup() {
		this.contextRunner.withPropertyValues("moonshot.api-key=   ")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(MissingMoonshotApiKeyException.class));
	}

	@Test
	void aKeyFileGivesTheKeyAndANewKeyInItIsSentByTheNextCall(@TempDir Path directory) throws IOException {
		stubDeleted();
		Path file = Files.writeString(directory.resolve("api-key"), "sk-from-the-file\n");
		this.contextRunner
			.withPropertyValues("moonshot.api-key=sk-from-properties", "moonshot.api-key-file=" + file,
					"moonshot.api-key-file-check-interval=20ms")
			.run((context) -> {
				MoonshotFilesClient client = context.getBean(MoonshotFilesClient.class);
				client.delete(FILE_ID).block();
				Files.writeString(file, "sk-rotated-in-the-file");
				await().atMost(Duration.ofSeconds(30))
					.until(() -> context.getBean(MoonshotCredentials.class).apiKey().equals("sk-rotated-in-the-file"));
				client.delete(FILE_ID).block();

				wiremock.verify(1, deleteRequestedFor(anyUrl()).withHeader("Authorization",
						equalTo("Bearer sk-from-the-file")));
				wiremock.verify(1, deleteRequestedFor(anyUrl()).withHeader("Authorization",
						equalTo("Bearer sk-rotated-in-the-file")));
				assertThat(context.getBean(MoonshotFilesClient.class)).isSameAs(client);
			});
	}

	@Test
	void aKeyFileThatGivesNoKeyFailsStartup(@TempDir Path directory) {
		this.contextRunner.withPropertyValues("moonshot.api-key=k", "moonshot.api-key-file=" + directory.resolve("x"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidMoonshotApiKeyFileException.class)
				.hasMessageEndingWith("gives no key: it does not exist"));
	}

	@Test
	void credentialsOfTheApplicationsOwnReplaceTheKey() {
		stubDeleted();
		AtomicReference<String> vault = new AtomicReference<>("sk-from-vault-1");
		this.contextRunner.withBean(MoonshotCredentials.class, () -> vault::get).run((context) -> {
			MoonshotFilesClient client = context.getBean(MoonshotFilesClient.class);
			client.delete(FILE_ID).block();
			vault.set("sk-from-vault-2");
			client.delete(FILE_ID).block();

			wiremock.verify(1, deleteRequestedFor(anyUrl()).withHeader("Authorization", equalTo("Bearer sk-from-vault-1")));
			wiremock.verify(1, deleteRequestedFor(anyUrl()).withHeader("Authorization", equalTo("Bearer sk-from-vault-2")));
		});
	}

	/**
	 * Spring Cloud publishes the event after changing the environment; its rebinder updates the properties bean in a
	 * listener of the same event, maybe after ours. Here there is no rebinder at all: the key is bound anew.
	 */
	@Test
	void aChangedKeyIsSentFromTheNextCallOnWhenTheEnvironmentChanges() {
		stubDeleted();
		this.contextRunner.withPropertyValues("moonshot.api-key=sk-before").run((context) -> {
			MoonshotFilesClient client = context.getBean(MoonshotFilesClient.class);
			client.delete(FILE_ID).block();
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("rotated", Map.of("moonshot.api-key", "sk-after")));
			context.publishEvent(new EnvironmentChangeEvent(context, Set.of("moonshot.api-key")));
			client.delete(FILE_ID).block();

			wiremock.verify(1, deleteRequestedFor(anyUrl()).withHeader("Authorization", equalTo("Bearer sk-before")));
			wiremock.verify(1, deleteRequestedFor(anyUrl()).withHeader("Authorization", equalTo("Bearer sk-after")));
			assertThat(context.getBean(MoonshotProperties.class).getApiKey()).as("not rebound").isEqualTo("sk-before");
		});
	}

	@Test
	void aRefreshDoesNotMakeCredentialsAnApplicationWithAClientOfItsOwnNeverNeeded() {
		MoonshotFilesClient own = mock(MoonshotFilesClient.class);
		this.contextRunner.withBean(MoonshotFilesClient.class, () -> own).run((context) -> {
			context.publishEvent(new EnvironmentChangeEvent(context, Set.of("moonshot.api-key")));

			assertThat(context).hasNotFailed().hasSingleBean(MoonshotApiKeyRefreshListener.class);
			assertThat(context.getBeanFactory().getSingleton(MoonshotAutoConfiguration.CREDENTIALS_BEAN)).isNull();
		});
	}

	@Test
	void noRefreshListenerWithoutSpringCloud() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(EnvironmentChangeEvent.class))
			.withPropertyValues("moonshot.api-key=k")
			.run((context) -> assertThat(context).hasSingleBean(MoonshotFilesClient.class)
				.doesNotHaveBean(MoonshotApiKeyRefreshListener.class));
	}

	@Test
	void keyFromTheProvidersEnvironmentVariable() {
		stubDeleted();
		this.contextRunner.withInitializer(environmentVariable("MOONSHOT_API_KEY", "sk-from-env"))
			.run((context) -> {
				context.getBean(MoonshotFilesClient.class).delete(FILE_ID).block();
				wiremock.verify(1, deleteRequestedFor(urlPathEqualTo("/v1/files/" + FILE_ID))
					.withHeader("Authorization", equalTo("Bearer sk-from-env")));
			});
	}

	@Test
	void propertyWinsOverTheEnvironmentVariable() {
		stubDeleted();
		this.contextRunner.withPropertyValues("moonshot.api-key=sk-from-properties")
			.withInitializer(environmentVariable("MOONSHOT_API_KEY", "sk-from-env"))
			.run((context) -> {
				context.getBean(MoonshotFilesClient.class).delete(FILE_ID).block();
				wiremock.verify(1, deleteRequestedFor(anyUrl()).withHeader("Authorization",
						equalTo("Bearer sk-from-properties")));
			});
	}

	@Test
	void userConnectionDetailsReplaceTheProperties() {
		stubDeleted();
		MoonshotConnectionDetails own = new MoonshotConnectionDetails() {

			@Override
			public String getBaseUrl() {
				return wiremock.baseUrl() + "/v1";
			}

			@Override
			public @Nullable String getApiKey() {
				return "sk-from-vault";
			}

		};
		this.contextRunner.withPropertyValues("moonshot.base-url=https://unused.invalid")
			.withBean(MoonshotConnectionDetails.class, () -> own)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(PropertiesMoonshotConnectionDetails.class);
				context.getBean(MoonshotFilesClient.class).delete(FILE_ID).block();
				wiremock.verify(1, deleteRequestedFor(urlPathEqualTo("/v1/files/" + FILE_ID))
					.withHeader("Authorization", equalTo("Bearer sk-from-vault")));
			});
	}

	@Test
	void startsFromBootsWebClientBuilderAndAppliesMoonshotCustomizersInOrder() {
		stubDeleted();
		this.contextRunner.withPropertyValues("moonshot.api-key=k")
			.withUserConfiguration(CustomizerConfiguration.class)
			.run((context) -> {
				context.getBean(MoonshotFilesClient.class).delete(FILE_ID).block();
				wiremock.verify(1, deleteRequestedFor(anyUrl()).withHeader("X-Boot-Customizer", equalTo("applied"))
					.withHeader("X-First", equalTo("1"))
					.withHeader("X-Order", equalTo("second")));
			});
	}

	@Test
	void moonshotCustomizersDoNotTouchOtherWebClients() {
		this.contextRunner.withPropertyValues("moonshot.api-key=k")
			.withUserConfiguration(CustomizerConfiguration.class)
			.run((context) -> context.getBean(WebClient.Builder.class)
				.build()
				.mutate()
				.defaultHeaders((headers) -> assertThat(headers.containsHeader("X-First")).isFalse()));
	}

	@Test
	void buildsOnTheApplicationsOwnWebClientBuilderWithoutChangingIt() {
		stubDeleted();
		this.contextRunner.withPropertyValues("moonshot.api-key=k")
			.withUserConfiguration(UserWebClientBuilderConfiguration.class, CustomizerConfiguration.class)
			.run((context) -> {
				context.getBean(MoonshotFilesClient.class).delete(FILE_ID).block();
				wiremock.verify(1, deleteRequestedFor(anyUrl()).withHeader("X-User-Builder", equalTo("mine"))
					.withHeader("X-First", equalTo("1")));
				context.getBean(WebClient.Builder.class)
					.build()
					.mutate()
					.defaultHeaders((headers) -> assertThat(headers.containsHeader("X-First"))
						.as("the application's builder did not get the Moonshot customizers")
						.isFalse());
			});
	}

	@Test
	void decodesTheSameWhenTheApplicationsJsonMapperIsHostile() {
		wiremock.stubFor(delete("/v1/files/" + FILE_ID).willReturn(okJson(
				"{\"id\":\"file-abc\",\"object\":\"file\",\"deleted\":true,\"unknown_field\":1,\"status\":\"gone\"}")));
		this.contextRunner
			.withPropertyValues("moonshot.api-key=k", "spring.jackson.deserialization.fail-on-unknown-properties=true",
					"spring.jackson.deserialization.fail-on-null-for-primitives=true",
					"spring.jackson.property-naming-strategy=UPPER_CAMEL_CASE",
					"spring.jackson.mapper.accept-case-insensitive-properties=true")
			.run((context) -> assertThat(context.getBean(MoonshotFilesClient.class).delete(FILE_ID).block())
				.isEqualTo(new FileDeleteResponse(FILE_ID, "file", true, null)));
	}

	@Test
	void responseTimeoutProperty() {
		wiremock.stubFor(delete("/v1/files/" + FILE_ID).willReturn(okJson("{}").withFixedDelay(5_000)));
		this.contextRunner.withPropertyValues("moonshot.api-key=k", "moonshot.response-timeout=200ms")
			.run((context) -> {
				Mono<FileDeleteResponse> call = context.getBean(MoonshotFilesClient.class).delete(FILE_ID);
				assertThatExceptionOfType(MoonshotTimeoutException.class).isThrownBy(call::block)
					.satisfies((ex) -> assertThat(ex.getTimeout()).isEqualTo(Duration.ofMillis(200)));
			});
	}

	@Test
	void timeoutAndConcurrencyProperties() {
		this.contextRunner
			.withPropertyValues("moonshot.api-key=k", "moonshot.response-timeout=12s", "moonshot.call-timeout=40s",
					"moonshot.upload-timeout=2m", "moonshot.retry.max-attempts=5", "moonshot.retry.initial-backoff=1s",
					"moonshot.retry.max-backoff=20s", "moonshot.retry.jitter=0.2", "moonshot.retry.budget.capacity=7",
					"moonshot.retry.budget.refill-per-success=0.3")
			.run((context) -> assertThat(context.getBean(MoonshotFilesClient.class).toString())
				.contains("responseTimeout=PT12S, callTimeout=PT40S, uploadTimeout=PT2M, retry=MoonshotRetrySettings["
						+ "enabled=true, maxAttempts=5, initialBackoff=PT1S, maxBackoff=PT20S, jitter=0.2, "
						+ "budgetCapacity=7, budgetRefillPerSuccess=0.3]"));
		this.contextRunner.withPropertyValues("moonshot.api-key=k", "moonshot.bulk-delete-concurrency=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("bulkDeleteConcurrency must be between 1 and 64, got 0"));
	}

	@Test
	void redirectsAreNotFollowedEvenWhenBootsClientsFollowThem() {
		wiremock.stubFor(delete("/v1/files/" + FILE_ID).willReturn(aResponse().withStatus(307)
			.withHeader("Location", "http://127.0.0.2:" + wiremock.getPort() + "/v1/files/" + FILE_ID)));
		this.contextRunner.withPropertyValues("moonshot.api-key=sk-redirect", "spring.http.clients.redirects=follow")
			.run((context) -> {
				Mono<FileDeleteResponse> call = context.getBean(MoonshotFilesClient.class).delete(FILE_ID);
				assertThatExceptionOfType(MoonshotApiException.class).isThrownBy(call::block)
					.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(307));
				wiremock.verify(1, anyRequestedFor(anyUrl()));
			});
	}

	@Test
	void plainHttpToAnotherHostNeedsTheOverride() {
		this.contextRunner.withPropertyValues("moonshot.api-key=k", "moonshot.base-url=http://proxy.corp")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("set moonshot.allow-insecure-http=true"));
		this.contextRunner
			.withPropertyValues("moonshot.api-key=k", "moonshot.base-url=http://proxy.corp",
					"moonshot.allow-insecure-http=true")
			.run((context) -> assertThat(context).hasSingleBean(MoonshotFilesClient.class));
	}

	@Test
	void invalidBaseUrlFailsStartupWithTheReason() {
		this.contextRunner.withPropertyValues("moonshot.api-key=k", "moonshot.base-url=api.moonshot.ai")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageStartingWith("Invalid Moonshot base URL \"api.moonshot.ai\": it must start with https://"));
	}

	/** What a real environment variable looks like to Spring: a system-environment property source. */
	private static ApplicationContextInitializer<ConfigurableApplicationContext> environmentVariable(String name,
			String value) {
		return (context) -> context.getEnvironment()
			.getPropertySources()
			.addLast(new SystemEnvironmentPropertySource("testEnvironment", Map.of(name, value)));
	}

	private static void stubDeleted() {
		wiremock.stubFor(delete("/v1/files/" + FILE_ID)
			.willReturn(okJson("{\"id\":\"" + FILE_ID + "\",\"object\":\"file\",\"deleted\":true}")));
	}

	static class UserWebClientBuilderConfiguration {

		@org.springframework.context.annotation.Bean
		WebClient.Builder applicationWebClientBuilder() {
			return WebClient.builder().defaultHeader("X-User-Builder", "mine");
		}

	}

	static class CustomizerConfiguration {

		@org.springframework.context.annotation.Bean
		WebClientCustomizer bootCustomizer() {
			return (builder) -> builder.defaultHeader("X-Boot-Customizer", "applied");
		}

		@org.springframework.context.annotation.Bean
		@Order(2)
		MoonshotWebClientCustomizer second() {
			return (builder) -> builder.defaultHeader("X-Order", "second");
		}

		@org.springframework.context.annotation.Bean
		@Order(1)
		MoonshotWebClientCustomizer first() {
			return (builder) -> builder.defaultHeader("X-Order", "first").defaultHeader("X-First", "1");
		}

	}

}
