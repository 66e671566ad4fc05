package dev.moonshot.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.moonshot.spring.client.MoonshotClientDefaults;
import dev.moonshot.spring.client.MoonshotRetrySettings;
import dev.moonshot.spring.client.model.FilePurpose;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

class MoonshotPropertiesTests {

	@Test
	void defaultsAreTheClientsOwn() {
		MoonshotProperties properties = new MoonshotProperties();
		MoonshotRetrySettings retry = MoonshotRetrySettings.defaults();

		assertThat(properties.isEnabled()).isTrue();
		assertThat(properties.getApiKey()).isNull();
		assertThat(properties.getBaseUrl()).isEqualTo(MoonshotClientDefaults.BASE_URL);
		assertThat(properties.getConnectTimeout()).isEqualTo(MoonshotClientDefaults.CONNECT_TIMEOUT);
		assertThat(properties.getResponseTimeout()).isEqualTo(MoonshotClientDefaults.RESPONSE_TIMEOUT);
		assertThat(properties.getUploadTimeout()).isEqualTo(MoonshotClientDefaults.UPLOAD_TIMEOUT);
		assertThat(properties.getBulkDeleteConcurrency()).isEqualTo(MoonshotClientDefaults.BULK_DELETE_CONCURRENCY);
		assertThat(properties.getCallTimeout()).isEqualTo(MoonshotClientDefaults.CALL_TIMEOUT);
		assertThat(properties.getMaxConnections()).isEqualTo(MoonshotClientDefaults.MAX_CONNECTIONS);
		assertThat(properties.isAllowInsecureHttp()).isFalse();
		assertThat(properties.getRetry().isEnabled()).isEqualTo(retry.enabled());
		assertThat(properties.getRetry().getMaxAttempts()).isEqualTo(retry.maxAttempts());
		assertThat(properties.getRetry().getInitialBackoff()).isEqualTo(retry.initialBackoff());
		assertThat(properties.getRetry().getMaxBackoff()).isEqualTo(retry.maxBackoff());
		assertThat(properties.getRetry().getJitter()).isEqualTo(retry.jitter());
		assertThat(properties.getRetry().getBudget().getCapacity()).isEqualTo(retry.budgetCapacity());
		assertThat(properties.getRetry().getBudget().getRefillPerSuccess()).isEqualTo(retry.budgetRefillPerSuccess());
	}

	@Test
	void theMetadataStatesTheClientsDefaults() throws IOException {
		Map<String, JsonNode> properties = generatedMetadata();
		MoonshotRetrySettings retry = MoonshotRetrySettings.defaults();

		assertThat(properties.get("moonshot.base-url").get("defaultValue").asString())
			.isEqualTo(MoonshotClientDefaults.BASE_URL);
		assertThat(duration(properties, "moonshot.connect-timeout")).isEqualTo(MoonshotClientDefaults.CONNECT_TIMEOUT);
		assertThat(duration(properties, "moonshot.response-timeout")).isEqualTo(MoonshotClientDefaults.RESPONSE_TIMEOUT);
		assertThat(duration(properties, "moonshot.call-timeout")).isEqualTo(MoonshotClientDefaults.CALL_TIMEOUT);
		assertThat(duration(properties, "moonshot.upload-timeout")).isEqualTo(MoonshotClientDefaults.UPLOAD_TIMEOUT);
		assertThat(properties.get("moonshot.max-connections").get("defaultValue").asInt())
			.isEqualTo(MoonshotClientDefaults.MAX_CONNECTIONS);
		assertThat(properties.get("moonshot.bulk-delete-concurrency").get("defaultValue").asInt())
			.isEqualTo(MoonshotClientDefaults.BULK_DELETE_CONCURRENCY);
		assertThat(properties.get("moonshot.page-size").get("defaultValue").asInt())
			.isEqualTo(MoonshotClientDefaults.PAGE_SIZE);
		assertThat(properties.get("moonshot.api-version").has("defaultValue")).as("no version: compatible").isFalse();
		assertThat(properties.get("moonshot.retry.enabled").get("defaultValue").asBoolean()).isEqualTo(retry.enabled());
		assertThat(properties.get("moonshot.retry.max-attempts").get("defaultValue").asInt())
			.isEqualTo(retry.maxAttempts());
		assertThat(duration(properties, "moonshot.retry.initial-backoff")).isEqualTo(retry.initialBackoff());
		assertThat(duration(properties, "moonshot.retry.max-backoff")).isEqualTo(retry.maxBackoff());
		assertThat(properties.get("moonshot.retry.jitter").get("defaultValue").asDouble()).isEqualTo(retry.jitter());
		assertThat(properties.get("moonshot.retry.budget.capacity").get("defaultValue").asInt())
			.isEqualTo(retry.budgetCapacity());
		assertThat(properties.get("moonshot.retry.budget.refill-per-success").get("defaultValue").asDouble())
			.isEqualTo(retry.budgetRefillPerSuccess());
	}

	private static Duration duration(Map<String, JsonNode> properties, String name) {
		return DurationStyle.detectAndParse(properties.get(name).get("defaultValue").asString());
	}

	private static Map<String, JsonNode> generatedMetadata() throws IOException {
		JsonNode metadata;
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			metadata = JsonMapper.builder().build().readTree(in);
		}
		Map<String, JsonNode> properties = new HashMap<>();
		metadata.get("properties").forEach((property) -> properties.put(property.get("name").asString(), property));
		return properties;
	}

	@Test
	void toStringMasksTheKey() {
		MoonshotProperties properties = new MoonshotProperties();
		assertThat(properties.toString()).contains("apiKey=(none)");

		properties.setApiKey("sk-very-secret");

		assertThat(properties.toString()).doesNotContain("sk-very-secret").contains("apiKey=******");
	}

	@Test
	void generatedMetadataDescribesEveryProperty() throws IOException {
		JsonNode metadata;
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			metadata = JsonMapper.builder().build().readTree(in);
		}
		Map<String, JsonNode> properties = generatedMetadata();

		assertThat(properties).containsOnlyKeys("moonshot.enabled", "moonshot.api-key", "moonshot.api-key-file",
				"moonshot.api-key-file-check-interval", "moonshot.base-url",
				"moonshot.max-connections", "moonshot.connect-timeout", "moonshot.response-timeout", "moonshot.call-timeout",
				"moonshot.upload-timeout", "moonshot.allow-insecure-http", "moonshot.bulk-delete-concurrency",
				"moonshot.api-version", "moonshot.page-size", "moonshot.scope.filename-prefix", "moonshot.scope.purposes",
				"moonshot.retention.enabled", "moonshot.retention.cron", "moonshot.retention.fixed-delay",
				"moonshot.retention.initial-delay", "moonshot.retention.max-age", "moonshot.retention.max-quota-share",
				"moonshot.retention.max-deletions", "moonshot.retention.dry-run", "moonshot.retention.everything",
				"moonshot.retention.deadline", "moonshot.retention.lock-at-least-for", "moonshot.retention.lock-name",
				"management.endpoint.moonshotretention.access",
				"management.endpoint.moonshotretention.cache.time-to-live",
				"moonshot.retry.enabled", "moonshot.retry.max-attempts", "moonshot.retry.initial-backoff",
				"moonshot.retry.max-backoff", "moonshot.retry.jitter", "moonshot.retry.budget.capacity",
				"moonshot.retry.budget.refill-per-success", "moonshot.health.timeout", "moonshot.health.cache-ttl",
				"management.health.moonshot.enabled");
		properties.values()
			.forEach((property) -> assertThat(property.path("description").asString()).as(property.toString())
				.isNotBlank()
				.doesNotStartWith("The ")
				.doesNotStartWith("A "));
		assertThat(properties.get("moonshot.enabled").get("description").asString()).startsWith("Whether");
		assertThat(properties.get("moonshot.api-key").get("description").asString()).contains("MOONSHOT_API_KEY");
		assertThat(properties.get("moonshot.health.cache-ttl").get("defaultValue").asString()).isEqualTo("30s");
		assertThat(properties.get("moonshot.api-key-file").get("type").asString()).isEqualTo("java.nio.file.Path");
		assertThat(properties.get("moonshot.api-key-file-check-interval").get("defaultValue").asString())
			.isEqualTo("10s");
		assertThat(properties.get("moonshot.health.timeout").get("defaultValue").asString()).isEqualTo("5s");
		assertThat(properties.get("management.endpoint.moonshotretention.access").get("defaultValue").asString())
			.as("a real deletion over HTTP takes a grant").isEqualTo("read_only");

		Map<String, List<String>> hints = new HashMap<>();
		metadata.get("hints")
			.forEach((hint) -> hints.put(hint.get("name").asString(),
					hint.get("values").valueStream().map((value) -> value.get("value").asString()).toList()));
		assertThat(hints).containsOnly(
				Map.entry("moonshot.base-url", List.of("https://api.moonshot.ai", "https://api.moonshot.cn")),
				Map.entry("moonshot.api-version", List.of(dev.moonshot.spring.client.MoonshotApiVersion.V2026_09_01_BETA)),
				// one value per purpose, so that a new purpose cannot be forgotten
				Map.entry("moonshot.scope.purposes",
						Arrays.stream(FilePurpose.values()).map(FilePurpose::value).toList()));

		// every property states its default, except those whose absence is the default
		Set<String> unsetByDefault = Set.of("moonshot.api-key", "moonshot.api-key-file", "moonshot.api-version",
				"moonshot.retention.cron", "moonshot.retention.max-age", "moonshot.retention.max-quota-share",
				"moonshot.scope.filename-prefix", "moonshot.scope.purposes");
		assertThat(properties.values().stream().filter((property) -> !property.has("defaultValue"))
			.map((property) -> property.get("name").asString())).containsExactlyInAnyOrderElementsOf(unsetByDefault);
	}

}
