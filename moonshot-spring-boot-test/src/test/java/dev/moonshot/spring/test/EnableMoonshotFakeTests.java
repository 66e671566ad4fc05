package dev.moonshot.spring.test;

import java.time.Instant;

import dev.moonshot.spring.client.MoonshotFilesClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@EnableMoonshotFake
class EnableMoonshotFakeTests {

	@Autowired
	MoonshotFilesClient client;

	@Autowired
	MoonshotFakeServer fake;

	@Autowired
	Environment environment;

	@Test
	void theAutoConfiguredClientTalksToTheFake() {
		this.fake.reset();
		FakeFile seeded = this.fake.seed("a.pdf", "file-extract", "hello", Instant.now());

		assertThat(this.client.blocking().content(seeded.id())).isEqualTo("hello");
		assertThat(this.environment.getProperty("moonshot.base-url")).isEqualTo(this.fake.baseUrl());
		assertThat(this.environment.getProperty("moonshot.api-key")).isEqualTo(this.fake.apiKey());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
