package dev.moonshot.spring.sample;

import java.util.Map;

import dev.moonshot.spring.retention.MoonshotRetentionJob;
import dev.moonshot.spring.client.MoonshotFilesClient;
import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample started the way a native image starts it: from the initializer that Spring AOT generated at build time
 * ({@code spring-boot:process-aot}), on the JVM, with {@code -Dspring.aot.enabled=true} (set by the failsafe plugin),
 * against its embedded fake. The client bean, the health contributor, the metrics and the retention job work there.
 */
class SampleApplicationAotIT {

	@Test
	void startsFromTheAotInitializerAndTheStarterWorks() {
		assertThat(AotDetector.useGeneratedArtifacts()).as("run with -Dspring.aot.enabled=true").isTrue();
		SpringApplication application = new SpringApplication(SampleApplication.class);
		// the AOT initializer is found by the main class's name, which a test's stack would not give
		application.setMainApplicationClass(SampleApplication.class);
		try (ConfigurableApplicationContext context = application.run("--server.port=0", "--server.address=127.0.0.1",
				"--moonshot.retention.initial-delay=1h")) {
			assertThat(context.getBeanNamesForType(MoonshotFilesClient.class)).hasSize(1);
			assertThat(context.getBean(MoonshotRetentionJob.class).isRunning()).isTrue();
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			RestClient http = RestClient.builder()
				.baseUrl("http://127.0.0.1:" + port)
				.defaultStatusHandler((status) -> true, (request, response) -> {
				})
				.build();

			assertThat(http.get().uri("/documents").retrieve().toEntity(String.class).getStatusCode().value())
				.isEqualTo(200);
			Map<String, Object> health = http.get()
				.uri("/actuator/health/moonshot")
				.retrieve()
				.body(new ParameterizedTypeReference<>() {
				});
			assertThat(health).containsEntry("status", "UP");
			Map<String, Object> metric = http.get()
				.uri("/actuator/metrics/moonshot.files.requests")
				.retrieve()
				.body(new ParameterizedTypeReference<>() {
				});
			assertThat(metric).containsEntry("name", "moonshot.files.requests");
			Map<String, Object> dryRun = http.post()
				.uri("/documents/cleanup?dryRun=true")
				.retrieve()
				.body(new ParameterizedTypeReference<>() {
				});
			assertThat(dryRun).isNotNull();
		}
	}

}
