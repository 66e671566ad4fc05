package dev.moonshot.spring.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.moonshot.spring.client.MoonshotFilesClient;
import dev.moonshot.spring.client.model.ApiKeyInUse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.context.environment.EnvironmentManager;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key rotated through Spring Cloud's refresh, in a whole application: the key comes from a configuration file that
 * {@code /actuator/refresh} re-reads ({@link ContextRefresher#refresh()}), or is set as {@code POST /actuator/env}
 * sets it ({@link EnvironmentManager}). The next call sends the new key; the client and its connection pool stay.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.config.import=optional:file:./target/moonshot-refresh-test.properties",
				// a refresh rebuilds the environment from the application's own sources, as in production
				"spring.cloud.refresh.additional-property-sources-to-retain=Inlined Test Properties" })
@DirtiesContext
class MoonshotApiKeyRefreshIntegrationTests {

	/** Imported by the configuration, at a fixed place: imports are read before dynamic properties are known. */
	private static final Path CONFIG = Path.of("target", "moonshot-refresh-test.properties");

	static {
		try {
			Files.createDirectories(CONFIG.getParent());
			Files.writeString(CONFIG, "moonshot.api-key=sk-from-the-first-config\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@RegisterExtension
	static WireMockExtension wiremock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("moonshot.base-url", wiremock::baseUrl);
	}

	@Autowired
	MoonshotFilesClient client;

	@Autowired
	ContextRefresher refresher;

	@Autowired
	EnvironmentManager environment;

	@Autowired
	MoonshotProperties properties;

	@Test
	void aRotatedKeyIsSentByTheNextCallWithTheSameClient() throws IOException {
		wiremock.stubFor(delete("/v1/files/file-1")
			.willReturn(okJson("{\"id\":\"file-1\",\"object\":\"file\",\"deleted\":true}")));
		MoonshotFilesClient before = this.client;
		this.client.delete("file-1").block();

		Files.writeString(CONFIG, "moonshot.api-key=sk-from-the-refreshed-config\n");
		assertThat(this.refresher.refresh()).contains("moonshot.api-key");
		this.client.delete("file-1").block();

		this.environment.setProperty("moonshot.api-key", "sk-set-over-actuator-env");
		this.client.delete("file-1").block();

		wiremock.verify(1, deleteRequestedFor(anyUrl()).withHeader("Authorization",
				equalTo("Bearer sk-from-the-first-config")));
		wiremock.verify(1, deleteRequestedFor(anyUrl()).withHeader("Authorization",
				equalTo("Bearer sk-from-the-refreshed-config")));
		wiremock.verify(1, deleteRequestedFor(anyUrl()).withHeader("Authorization",
				equalTo("Bearer sk-set-over-actuator-env")));
		assertThat(this.client).isSameAs(before);
		assertThat(this.client.apiKeyInUse().fingerprint())
			.isEqualTo(ApiKeyInUse.fingerprintOf("sk-set-over-actuator-env"));
		assertThat(this.properties.getApiKey()).as("Spring Cloud rebinds the properties too")
			.isEqualTo("sk-set-over-actuator-env");
	}

	@SpringBootApplication
	static class RefreshApplication {

	}

}
