package dev.moonshot.spring.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.moonshot.spring.test.EnableMoonshotFake;
import dev.moonshot.spring.test.FakeFile;
import dev.moonshot.spring.test.FakeOperation;
import dev.moonshot.spring.test.MoonshotFakeServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The document service on a random port, against the fake, driven over HTTP as its users would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnableMoonshotFake
class SampleApplicationEndToEndTests {

	@LocalServerPort
	int port;

	@Autowired
	MoonshotFakeServer fake;

	private RestClient http;

	@BeforeEach
	void setUp() {
		this.fake.reset();
		this.http = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	@Test
	void uploadListReadAndDeleteADocument() {
		MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
		form.add("file", new ByteArrayResource("Invoice 42: total 1,234.00 EUR".getBytes()) {

			@Override
			public String getFilename() {
				return "invoice-42.txt";
			}

		});
		Map<String, Object> uploaded = this.http.post()
			.uri("/documents")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(form)
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		String id = (String) uploaded.get("id");

		assertThat(uploaded).containsEntry("filename", "sample-invoice-42.txt").containsEntry("purpose", "file-extract");
		assertThat(this.fake.files()).extracting(FakeFile::id).containsExactly(id);
		List<Map<String, Object>> listed = this.http.get().uri("/documents").retrieve().body(new ParameterizedTypeReference<>() {
		});
		assertThat(listed).extracting((file) -> file.get("id")).containsExactly(id);
		assertThat(this.http.get().uri("/documents/{id}/text", id).retrieve().body(String.class))
			.isEqualTo("Invoice 42: total 1,234.00 EUR");

		ResponseEntity<Map<String, Object>> deleted = this.http.delete()
			.uri("/documents/{id}", id)
			.retrieve()
			.toEntity(new ParameterizedTypeReference<>() {
			});
		assertThat(deleted.getStatusCode().value()).isEqualTo(200);
		assertThat(deleted.getBody()).containsEntry("id", id).containsEntry("deleted", true);
		assertThat(this.fake.files()).isEmpty();
		assertThat(this.http.get().uri("/documents/{id}/text", id).retrieve().toBodilessEntity().getStatusCode().value())
			.isEqualTo(404);
	}

	/**
	 * The service's own users choose the names of their documents: one with a line break (sent RFC 5987-encoded,
	 * as a browser may) must not reach the provider, where it would write the upload's part headers.
	 */
	@Test
	void aDocumentNameWithALineBreakIsABadRequestAndNothingIsUploaded() {
		int before = this.fake.requestCount(FakeOperation.UPLOAD);

		ResponseEntity<String> injected = postRawMultipart(
				"filename*=UTF-8''evil%22%0D%0AX-Injected%3A%201%0D%0A%0D%0Ax.txt");
		ResponseEntity<String> tab = postRawMultipart("filename*=UTF-8''a%09b.txt");
		ResponseEntity<String> nul = postRawMultipart("filename*=UTF-8''a%00b.txt");

		assertThat(injected.getStatusCode().value()).isEqualTo(400);
		assertThat(injected.getBody()).contains("Cannot upload \\\"the uploaded document\\\": the name it would be stored "
				+ "under, \\\"sample-evil\\\\\\\"\\\\u000d\\\\u000aX-Injected: 1")
			.contains("has a carriage return (U+000D) at position 12")
			.contains("give the file a name without control characters");
		assertThat(tab.getStatusCode().value()).isEqualTo(400);
		assertThat(tab.getBody()).contains("has a tab (U+0009) at position 8");
		// Tomcat refuses this one while reading the request, before the controller runs
		assertThat(nul.getStatusCode().value()).isEqualTo(400);
		assertThat(nul.getBody()).contains("The upload is not a readable multipart request: Invalid file name");
		assertThat(this.fake.requestCount(FakeOperation.UPLOAD)).isEqualTo(before);
		assertThat(this.fake.files()).isEmpty();
	}

	/** A multipart request written byte by byte, with the file part's Content-Disposition parameter given. */
	private ResponseEntity<String> postRawMultipart(String filenameParameter) {
		String body = "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; " + filenameParameter
				+ "\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b0undary--\r\n";
		return this.http.post()
			.uri("/documents")
			.contentType(MediaType.parseMediaType("multipart/form-data; boundary=b0undary"))
			.body(body.getBytes(StandardCharsets.US_ASCII))
			.retrieve()
			.toEntity(String.class);
	}

	@Test
	@SuppressWarnings("unchecked")
	void cleanupDeletesOldFilesThenTheOldestOverTheQuotaShare() {
		Instant now = Instant.now();
		FakeFile ancient = this.fake.seed("sample-ancient.txt", "file-extract", "a", now.minus(Duration.ofDays(60)));
		FakeFile foreign = this.fake.seed("other-app.txt", "file-extract", "o", now.minus(Duration.ofDays(90)));
		for (int i = 0; i < 801; i++) {
			this.fake.seed("sample-bulk-" + i + ".txt", "file-extract", "b",
					now.minus(Duration.ofDays(20)).plusSeconds(i));
		}
		int before = this.fake.files().size();

		Map<String, Object> plan = this.http.post().uri("/documents/cleanup?dryRun=true").retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(this.fake.files()).as("a dry run deletes nothing").hasSize(before);
		Map<String, Object> result = this.http.post().uri("/documents/cleanup").retrieve()
			.body(new ParameterizedTypeReference<>() {
			});

		assertThat((List<Object>) plan.get("wouldDelete")).hasSize(before - 800).contains(ancient.id());
		assertThat((List<Object>) result.get("deleted")).hasSize(before - 800).contains(ancient.id());
		assertThat(this.fake.files()).hasSize(800);
		assertThat(this.fake.files()).extracting(FakeFile::filename)
			.contains(foreign.filename())
			.doesNotContain("sample-ancient.txt", "sample-bulk-0.txt", "sample-bulk-1.txt");
	}

	@Test
	void healthShowsTheMoonshotContributorInReadiness() {
		String readiness = this.http.get().uri("/actuator/health/readiness").retrieve().body(String.class);
		String moonshot = this.http.get().uri("/actuator/health/moonshot").retrieve().body(String.class);

		assertThat(readiness).contains("\"moonshot\"").contains("\"status\":\"UP\"");
		assertThat(moonshot).contains("\"status\":\"UP\"").contains("\"files\":{\"used\"");
		assertThat(this.http.get().uri("/actuator/metrics/moonshot.files.requests").retrieve().toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(200);
	}

	@Test
	void badIdsAreRejectedBeforeReachingTheProvider() {
		int before = this.fake.requestCount(dev.moonshot.spring.test.FakeOperation.DELETE);

		String problem = this.http.delete().uri("/documents/{id}", "..").retrieve().body(String.class);

		assertThat(problem).contains("\"status\":400").contains("would address another path");
		assertThat(this.fake.requestCount(dev.moonshot.spring.test.FakeOperation.DELETE)).isEqualTo(before);
	}

}
