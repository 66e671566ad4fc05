package dev.moonshot.spring.sample;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's own cleanup properties of before the redesign are in its configuration metadata as deprecated, each
 * pointing at the starter's retention property that replaced it.
 */
class SampleConfigurationMetadataTests {

	@Test
	void theRenamedCleanupPropertiesPointToTheirReplacements() throws IOException {
		Map<String, String> replacements = new HashMap<>();
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			for (JsonNode property : JsonMapper.builder().build().readTree(in).get("properties")) {
				JsonNode deprecation = property.get("deprecation");
				if (deprecation != null) {
					assertThat(deprecation.get("level").asString()).isEqualTo("error");
					replacements.put(property.get("name").asString(), deprecation.get("replacement").asString());
				}
			}
		}
		assertThat(replacements).containsExactlyInAnyOrderEntriesOf(Map.of("sample.cleanup.enabled",
				"moonshot.retention.enabled", "sample.cleanup.cron", "moonshot.retention.cron",
				"sample.cleanup.max-age", "moonshot.retention.max-age", "sample.cleanup.max-share",
				"moonshot.retention.max-quota-share"));
	}

}
