package dev.moonshot.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

class MoonshotPropertiesTests {

	@Test
	void defaults() {
		MoonshotProperties properties = new MoonshotProperties();

		assertThat(properties.isEnabled()).isTrue();
		assertThat(properties.getApiKey()).isNull();
		assertThat(properties.getBaseUrl()).isEqualTo("https://api.moonshot.ai");
		assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.getResponseTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(properties.getUploadTimeout()).isEqualTo(Duration.ofMinutes(5));
		assertThat(properties.getBulkDeleteConcurrency()).isEqualTo(4);
		assertThat(properties.getCallTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(properties.getMaxConnections()).isEqualTo(100);
		assertThat(properties.isAllowInsecureHttp()).isFalse();
		assertThat(properties.getRetry().isEnabled()).isTrue();
		assertThat(properties.getRetry().getMaxAttempts()).isEqualTo(3);
		assertThat(properties.getRetry().getInitialBackoff()).isEqualTo(Duration.ofMillis(500));
		assertThat(properties.getRetry().getMaxBackoff()).isEqualTo(Duration.ofSeconds(8));
		assertThat(properties.getRetry().getJitter()).isEqualTo(0.5);
		assertThat(properties.getRetry().getBudget().getCapacity()).isEqualTo(20);
		assertThat(properties.getRetry().getBudget().getRefillPerSuccess()).isEqualTo(0.1);
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
		Map<String, JsonNode> properties = new HashMap<>();
		metadata.get("properties").forEach((property) -> properties.put(property.get("name").asString(), property));

		assertThat(properties).containsOnlyKeys("moonshot.enabled", "moonshot.api-key", "moonshot.base-url",
				"moonshot.max-connections", "moonshot.connect-timeout", "moonshot.response-timeout", "moonshot.call-timeout",
				"moonshot.upload-timeout", "moonshot.allow-insecure-http", "moonshot.bulk-delete-concurrency",
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
		assertThat(properties.get("moonshot.base-url").get("defaultValue").asString())
			.isEqualTo("https://api.moonshot.ai");
		assertThat(properties.get("moonshot.connect-timeout").get("defaultValue").asString()).isEqualTo("10s");
		assertThat(properties.get("moonshot.response-timeout").get("defaultValue").asString()).isEqualTo("30s");
		assertThat(properties.get("moonshot.upload-timeout").get("defaultValue").asString()).isEqualTo("5m");
		assertThat(properties.get("moonshot.call-timeout").get("defaultValue").asString()).isEqualTo("60s");
		assertThat(properties.get("moonshot.retry.max-attempts").get("defaultValue").asInt()).isEqualTo(3);
		assertThat(properties.get("moonshot.retry.initial-backoff").get("defaultValue").asString()).isEqualTo("500ms");
		assertThat(properties.get("moonshot.retry.max-backoff").get("defaultValue").asString()).isEqualTo("8s");
		assertThat(properties.get("moonshot.retry.budget.capacity").get("defaultValue").asInt()).isEqualTo(20);
		assertThat(properties.get("moonshot.health.cache-ttl").get("defaultValue").asString()).isEqualTo("30s");
		assertThat(properties.get("moonshot.health.timeout").get("defaultValue").asString()).isEqualTo("5s");
		assertThat(properties.get("moonshot.bulk-delete-concurrency").get("defaultValue").asInt()).isEqualTo(4);

		JsonNode hint = metadata.get("hints").get(0);
		assertThat(hint.get("name").asString()).isEqualTo("moonshot.base-url");
		assertThat(hint.get("values").valueStream().map((value) -> value.get("value").asString()).toList())
			.isEqualTo(List.of("https://api.moonshot.ai", "https://api.moonshot.cn"));
	}

}
