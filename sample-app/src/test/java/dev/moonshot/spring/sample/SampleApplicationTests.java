package dev.moonshot.spring.sample;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.moonshot.spring.client.MoonshotFilesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
class SampleApplicationTests {

	@RegisterExtension
	static WireMockExtension moonshot = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	@DynamicPropertySource
	static void moonshotProperties(DynamicPropertyRegistry registry) {
		registry.add("moonshot.base-url", moonshot::baseUrl);
		registry.add("moonshot.api-key", () -> "sk-sample-test");
	}

	@Autowired
	private MoonshotFilesClient client;

	@Autowired
	private MockMvc mvc;

	@Test
	void contextProvidesTheStartersClient() {
		assertThat(this.client).isNotNull();
	}

	@Test
	void deletesADocumentThroughTheStarter() throws Exception {
		moonshot.stubFor(WireMock.delete("/v1/files/file-1")
			.willReturn(okJson("{\"id\":\"file-1\",\"object\":\"file\",\"deleted\":true}")
				.withHeader("Msh-Request-Id", "req-9")));

		this.mvc.perform(delete("/documents/file-1"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value("file-1"))
			.andExpect(jsonPath("$.deleted").value(true))
			.andExpect(jsonPath("$.requestId").value("req-9"));

		moonshot.verify(1, deleteRequestedFor(urlPathEqualTo("/v1/files/file-1"))
			.withHeader("Authorization", equalTo("Bearer sk-sample-test")));
	}

	@Test
	void unknownFileIsNotFound() throws Exception {
		moonshot.stubFor(WireMock.delete("/v1/files/gone").willReturn(aResponse().withStatus(404)
			.withHeader("Msh-Request-Id", "req-404")
			.withBody("{\"error\":{\"message\":\"File not found\",\"type\":\"resource_not_found_error\"}}")));

		this.mvc.perform(delete("/documents/gone"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.requestId").value("req-404"));
	}

	@Test
	void malformedIdIsABadRequest() throws Exception {
		this.mvc.perform(delete("/documents/bad id")).andExpect(status().isBadRequest());
	}

}
