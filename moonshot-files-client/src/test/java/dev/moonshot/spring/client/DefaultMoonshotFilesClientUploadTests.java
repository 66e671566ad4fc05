package dev.moonshot.spring.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.moonshot.spring.client.exception.MoonshotApiException;
import dev.moonshot.spring.client.exception.MoonshotAuthenticationException;
import dev.moonshot.spring.client.exception.MoonshotBadRequestException;
import dev.moonshot.spring.client.exception.MoonshotFileCountLimitException;
import dev.moonshot.spring.client.exception.MoonshotServerException;
import dev.moonshot.spring.client.model.FileObject;
import dev.moonshot.spring.client.model.FilePurpose;
import dev.moonshot.spring.client.model.FileUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;

import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DefaultMoonshotFilesClientUploadTests {

	static final String API_KEY = "sk-upload-test";

	static final String UPLOADED = "{\"id\":\"clg681objj8g9m7n4je0\",\"object\":\"file\",\"bytes\":11,"
			+ "\"created_at\":1700815879,\"filename\":\"report.pdf\",\"purpose\":\"file-extract\",\"status\":\"ok\","
			+ "\"status_details\":\"\"}";

	@RegisterExtension
	static WireMockExtension wiremock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	@TempDir
	Path dir;

	private MoonshotFilesClient client(String baseUrl) {
		return MoonshotFilesClient.builder().retry(MoonshotRetrySettings.disabled()).apiKey(API_KEY).baseUrl(baseUrl).build();
	}

	@Test
	void uploadsAPathAsMultipart() throws IOException {
		byte[] content = "%PDF-1.7 hi".getBytes(StandardCharsets.US_ASCII);
		Path pdf = Files.write(this.dir.resolve("report.pdf"), content);
		wiremock.stubFor(post("/v1/files").willReturn(okJson(UPLOADED)));

		FileObject file = client(wiremock.baseUrl()).upload(pdf, FilePurpose.FILE_EXTRACT).block();

		assertThat(file).isEqualTo(new FileObject("clg681objj8g9m7n4je0", "file", 11,
				Instant.ofEpochSecond(1700815879), "report.pdf", "file-extract", "ok", null));
		assertThat(file.knownPurpose()).isEqualTo(FilePurpose.FILE_EXTRACT);
		wiremock.verify(1, postRequestedFor(urlPathEqualTo("/v1/files"))
			.withHeader("Authorization", equalTo("Bearer " + API_KEY))
			.withHeader("Accept", equalTo("application/json"))
			.withHeader("User-Agent", equalTo(ClientVersion.USER_AGENT))
			.withHeader("Content-Type", containing("multipart/form-data;boundary="))
			.withRequestBodyPart(aMultipart().withName("file")
				.withHeader("Content-Disposition", containing("filename=\"report.pdf\""))
				.withHeader("Content-Type", equalTo("application/pdf"))
				.withBody(binaryEqualTo(content))
				.build())
			.withRequestBodyPart(aMultipart().withName("purpose").withBody(equalTo("file-extract")).build()));
	}

	@Test
	void uploadsAResourceWithEachPurpose() {
		wiremock.stubFor(post("/v1/files").willReturn(okJson(UPLOADED)));
		MoonshotFilesClient client = client(wiremock.baseUrl());

		for (FilePurpose purpose : FilePurpose.values()) {
			client.upload(named("photo.png", "png-bytes"), purpose).block();
			wiremock.verify(1, postRequestedFor(urlPathEqualTo("/v1/files"))
				.withRequestBodyPart(aMultipart().withName("purpose").withBody(equalTo(purpose.value())).build())
				.withRequestBodyPart(aMultipart().withName("file")
					.withHeader("Content-Type", equalTo("image/png"))
					.withHeader("Content-Disposition", containing("filename=\"photo.png\""))
					.build()));
			wiremock.resetRequests();
		}
		assertThat(FilePurpose.values()).extracting(FilePurpose::value)
			.containsExactly("file-extract", "image", "video", "batch");
	}

	@Test
	void unknownExtensionIsSentAsOctetStream() {
		wiremock.stubFor(post("/v1/files").willReturn(okJson(UPLOADED)));

		client(wiremock.baseUrl()).upload(named("data.zzz-unknown", "x"), FilePurpose.BATCH).block();

		wiremock.verify(1, postRequestedFor(urlPathEqualTo("/v1/files")).withRequestBodyPart(aMultipart()
			.withName("file")
			.withHeader("Content-Type", equalTo("application/octet-stream"))
			.build()));
	}

	@Test
	void checksBeforeSendingAnything() throws IOException {
		MoonshotFilesClient client = client(wiremock.baseUrl());
		Path missing = this.dir.resolve("missing.pdf");
		Path empty = Files.createFile(this.dir.resolve("empty.pdf"));
		Path tooLarge = this.dir.resolve("large.pdf");
		try (RandomAccessFile file = new RandomAccessFile(tooLarge.toFile(), "rw")) {
			file.setLength(FileUsage.MAX_FILE_BYTES + 1);
		}

		assertThatIllegalArgumentException().isThrownBy(() -> client.upload(missing, FilePurpose.FILE_EXTRACT))
			.withMessageStartingWith("Cannot upload file \"" + missing)
			.withMessageEndingWith(": it does not exist.");
		assertThatIllegalArgumentException().isThrownBy(() -> client.upload(empty, FilePurpose.FILE_EXTRACT))
			.withMessageEndingWith(": it is empty (0 bytes), and the Files API rejects empty files.");
		assertThatIllegalArgumentException().isThrownBy(() -> client.upload(tooLarge, FilePurpose.FILE_EXTRACT))
			.withMessageEndingWith(": it is 104857601 bytes, larger than the limit of 104857600 bytes (100 MiB) per file.");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> client.blocking().upload(tooLarge, FilePurpose.FILE_EXTRACT))
			.withMessageContaining("larger than the limit");
		assertThatIllegalArgumentException().isThrownBy(() -> client.upload(this.dir, FilePurpose.FILE_EXTRACT))
			.withMessageEndingWith(": it is not a regular file.");
		wiremock.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void refusesResourcesItCannotCheckOrResend() {
		MoonshotFilesClient client = client(wiremock.baseUrl());
		Resource once = new InputStreamResource(InputStream.nullInputStream());
		Resource nameless = new ByteArrayResource(new byte[] { 1 });

		assertThatIllegalArgumentException().isThrownBy(() -> client.upload(once, FilePurpose.FILE_EXTRACT))
			.withMessageContaining("it can be read only once");
		assertThatIllegalArgumentException().isThrownBy(() -> client.upload(nameless, FilePurpose.FILE_EXTRACT))
			.withMessageContaining("it has no filename");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> client.upload(named("a.pdf", ""), FilePurpose.FILE_EXTRACT))
			.withMessageContaining("it is empty (0 bytes)");
		assertThatIllegalArgumentException().isThrownBy(() -> client.upload((Path) null, FilePurpose.FILE_EXTRACT))
			.withMessage("File to upload must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> client.upload(named("a.pdf", "x"), null))
			.withMessage("purpose must not be null");
		wiremock.verify(0, anyRequestedFor(anyUrl()));
	}

	/**
	 * A name with a line break would end the file part's header block where the name says: whoever chose it would
	 * write the part's headers at the provider. Refused before anything is sent, on every way an upload enters.
	 */
	@Test
	void aNameThatWouldInjectHeadersIsRefusedBeforeAnythingIsSent() throws IOException {
		wiremock.stubFor(post("/v1/files").willReturn(okJson(UPLOADED)));
		MoonshotFilesClient client = client(wiremock.baseUrl());
		String injecting = "evil\"\r\nContent-Type: text/html\r\nX-Injected: 1\r\n\r\nINJECTED.txt";
		Resource resource = named(injecting, "hello");
		// the same line breaks in a file's name on disk (a name cannot hold "/")
		Path path = Files.writeString(this.dir.resolve("evil\"\r\nX-Injected: 1\r\n\r\nINJECTED.txt"), "hello");
		String refused = "has a carriage return (U+000D) at position 5. A control character would break the multipart "
				+ "request's headers, so nothing was sent";

		assertThatIllegalArgumentException().isThrownBy(() -> client.upload(resource, FilePurpose.FILE_EXTRACT))
			.withMessageContaining(refused);
		assertThatIllegalArgumentException().isThrownBy(() -> client.upload(path, FilePurpose.FILE_EXTRACT))
			.withMessageContaining(refused);
		assertThatIllegalArgumentException().isThrownBy(() -> client.extract(resource)).withMessageContaining(refused);
		assertThatIllegalArgumentException().isThrownBy(() -> client.extract(path)).withMessageContaining(refused);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> client.blocking().upload(resource, FilePurpose.FILE_EXTRACT))
			.withMessageContaining(refused);
		assertThatIllegalArgumentException().isThrownBy(() -> client.blocking().extract(path))
			.withMessageContaining(refused);
		for (String control : new String[] { "\n", "\u0000", "\t", "\u007f" }) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> client.upload(named("a" + control + "b.txt", "x"), FilePurpose.BATCH))
				.withMessageContaining("at position 1. A control character would break");
		}
		wiremock.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void aPrefixWithAControlCharacterIsRefusedWhenTheClientIsBuilt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MoonshotFilesClient.builder().filenamePrefix("app\r\nX-Injected: 1\r\n"))
			.withMessage("filenamePrefix \"app\\u000d\\u000aX-Injected: 1\\u000d\\u000a\" has a carriage return (U+000D) at "
					+ "position 3, which no upload's name may have; use a prefix without control characters");
	}

	/**
	 * The file part's header block, byte for byte: quotes and backslashes escaped inside the quoted filename,
	 * other scripts as UTF-8 (as browsers send them), the prefix before the name, and nothing after the three
	 * headers the client writes.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			`say "hi".txt`   | `filename="app-say \\"hi\\".txt"`   | text/plain
			`dir\\name.txt`    | `filename="app-dir\\\\name.txt"`    | text/plain
			`trailing\\`       | `filename="app-trailing\\\\"`       | application/octet-stream
			`résumé 报告.txt` | `filename="app-résumé 报告.txt"` | text/plain
			""")
	void theFilePartsHeadersOnTheWire(String name, String filenameParameter, String contentType) {
		wiremock.stubFor(post("/v1/files").willReturn(okJson(UPLOADED)));

		MoonshotFilesClient.builder()
			.retry(MoonshotRetrySettings.disabled())
			.apiKey(API_KEY)
			.baseUrl(wiremock.baseUrl())
			.filenamePrefix("app-")
			.build()
			.upload(named(name, "hello"), FilePurpose.FILE_EXTRACT)
			.block();

		assertThat(filePartHeaders(wiremock.getAllServeEvents().get(0).getRequest().getBody())).containsExactly(
				"Content-Disposition: form-data; name=\"file\"; " + filenameParameter, "Content-Type: " + contentType,
				"Content-Length: 5");
	}

	/** The lines of the file part's header block, read as UTF-8 from the raw multipart body. */
	private static List<String> filePartHeaders(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8);
		int start = text.indexOf("Content-Disposition: form-data; name=\"file\"");
		assertThat(start).as("the file part").isGreaterThan(0);
		assertThat(text.substring(0, start)).endsWith("\r\n");
		int end = text.indexOf("\r\n\r\n", start);
		return List.of(text.substring(start, end).split("\r\n", -1));
	}

	@Test
	void fileCountLimitBecomesItsOwnException() {
		wiremock.stubFor(post("/v1/files").willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"The number of files you have uploaded exceeded the max file count "
					+ "1000, please delete previous uploaded files\",\"type\":\"invalid_request_error\"}}")));

		assertThatExceptionOfType(MoonshotFileCountLimitException.class)
			.isThrownBy(() -> client(wiremock.baseUrl()).blocking().upload(named("a.pdf", "x"), FilePurpose.FILE_EXTRACT))
			.withMessageStartingWith("Moonshot POST /v1/files (a.pdf) failed with HTTP 400 Bad Request: "
					+ "[invalid_request_error] The number of files you have uploaded exceeded the max file count")
			.withMessageContaining("Delete files that are no longer needed")
			.satisfies((ex) -> assertThat(ex.getErrorType()).isEqualTo("invalid_request_error"));
	}

	@Test
	void documentedErrorStatuses() {
		MoonshotFilesClient client = client(wiremock.baseUrl());
		expectUploadError(client, 400, "{\"error\":{\"message\":\"Invalid purpose\",\"type\":\"invalid_request_error\"}}",
				MoonshotBadRequestException.class);
		expectUploadError(client, 401, "{\"error\":{\"message\":\"Invalid Authentication\",\"type\":"
				+ "\"invalid_authentication_error\"}}", MoonshotAuthenticationException.class);
		expectUploadError(client, 500, "{\"error\":{\"message\":\"Failed to extract file\",\"type\":\"server_error\"}}",
				MoonshotServerException.class);
	}

	private void expectUploadError(MoonshotFilesClient client, int status, String body,
			Class<? extends MoonshotApiException> type) {
		wiremock.stubFor(post("/v1/files").willReturn(aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withHeader("Msh-Request-Id", "req-" + status)
			.withBody(body)));
		assertThatExceptionOfType(type)
			.isThrownBy(() -> client.upload(named("a.pdf", "x"), FilePurpose.FILE_EXTRACT).block())
			.satisfies((ex) -> {
				assertThat(ex.getClass()).isEqualTo(type);
				assertThat(ex.getStatusCode().value()).isEqualTo(status);
				assertThat(ex.getRequestId()).isEqualTo("req-" + status);
				assertThat(ex.getResponseBody()).isEqualTo(body);
			});
	}

	/**
	 * A 100 MiB upload must stream: the client may read from the source only a bounded amount ahead of what the
	 * server has received (the sockets' buffers), never the whole file first.
	 */
	@Test
	void largeUploadIsStreamedFromItsSource() {
		GeneratedResource source = new GeneratedResource("big.bin", FileUsage.MAX_FILE_BYTES);
		AtomicLong received = new AtomicLong();
		AtomicLong mostReadAhead = new AtomicLong();
		AtomicLong readAtFirstArrival = new AtomicLong(-1);
		try (LoopbackHttpServer server = new LoopbackHttpServer((request, response) -> request.receive()
			.doOnNext((buffer) -> {
				readAtFirstArrival.compareAndSet(-1, source.read.get());
				long total = received.addAndGet(buffer.readableBytes());
				mostReadAhead.accumulateAndGet(source.read.get() - total, Math::max);
			})
			.then(response.header("Content-Type", "application/json").sendString(Mono.just(UPLOADED)).then()))) {

			FileObject file = client(server.baseUrl()).upload(source, FilePurpose.BATCH).block(Duration.ofMinutes(1));

			assertThat(file.id()).isEqualTo("clg681objj8g9m7n4je0");
		}
		assertThat(source.read.get()).isEqualTo(FileUsage.MAX_FILE_BYTES);
		assertThat(received.get()).isGreaterThan(FileUsage.MAX_FILE_BYTES);
		long bound = 32L * 1024 * 1024;
		assertThat(readAtFirstArrival.get()).as("read before the first byte arrived").isLessThan(bound);
		assertThat(mostReadAhead.get()).as("read ahead of the server").isLessThan(bound);
	}

	private static Resource named(String filename, String content) {
		return new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {

			@Override
			public String getFilename() {
				return filename;
			}

		};
	}

	/** Content made on demand, counting what was read from it. */
	static final class GeneratedResource extends AbstractResource {

		final AtomicLong read = new AtomicLong();

		private final String filename;

		private final long size;

		GeneratedResource(String filename, long size) {
			this.filename = filename;
			this.size = size;
		}

		@Override
		public String getFilename() {
			return this.filename;
		}

		@Override
		public String getDescription() {
			return "generated " + this.filename;
		}

		@Override
		public boolean exists() {
			return true;
		}

		@Override
		public long contentLength() {
			return this.size;
		}

		@Override
		public InputStream getInputStream() {
			return new InputStream() {

				private long remaining = GeneratedResource.this.size;

				@Override
				public int read() {
					byte[] one = new byte[1];
					return (read(one, 0, 1) == -1) ? -1 : one[0];
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					if (this.remaining <= 0) {
						return -1;
					}
					int count = (int) Math.min(length, this.remaining);
					this.remaining -= count;
					GeneratedResource.this.read.addAndGet(count);
					return count;
				}

			};
		}

	}

}
