package dev.moonshot.spring.client;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.moonshot.spring.client.exception.MoonshotApiError;
import dev.moonshot.spring.client.exception.MoonshotApiException;
import dev.moonshot.spring.client.exception.MoonshotMalformedResponseException;
import dev.moonshot.spring.client.exception.MoonshotServerException;
import dev.moonshot.spring.client.model.FilePurpose;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

import org.springframework.core.io.ByteArrayResource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Gateways and debugging proxies answer with error pages that echo the request, headers included. Whatever of such
 * a body the client keeps has its own key masked: the message, the raw body, the provider message, the earlier
 * attempts that ride along as suppressed exceptions, the log lines that print the exception.
 */
class DefaultMoonshotFilesClientKeyEchoTests {

	private static final String API_KEY = "sk-echo-5a0c7e19b3d24f68a1c9e07b2d5f3a6c8e1b4d7f0a2c5e8b";

	@RegisterExtension
	static WireMockExtension wiremock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	@RegisterExtension
	final DebugLogs logs = new DebugLogs();

	private final MoonshotFilesClient client = MoonshotFilesClient.builder()
		.apiKey(API_KEY)
		.baseUrl(wiremock.baseUrl())
		.allowInsecureHttp(true)
		.responseTimeout(Duration.ofSeconds(5))
		.retry(MoonshotRetrySettings.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(20)))
		.build();

	static Stream<Arguments> echoes() {
		String html = "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><pre>"
				+ "DELETE /v1/files/x HTTP/1.1\r\nHost: api.moonshot.ai\r\nAuthorization: Bearer " + API_KEY
				+ "\r\nUser-Agent: moonshot-spring-boot-starter</pre></body></html>";
		String json = "{\"error\":{\"message\":\"upstream rejected request with headers "
				+ "{\\\"authorization\\\":\\\"Bearer " + API_KEY + "\\\"}\",\"type\":\"server_error\"},"
				+ "\"request\":{\"headers\":{\"authorization\":\"Bearer " + API_KEY + "\"}}}";
		String plain = "upstream connect error; request was:\nAuthorization: Bearer " + API_KEY + "\nkey=" + API_KEY;
		Stream.Builder<Arguments> cases = Stream.builder();
		for (Operation operation : Operation.values()) {
			cases.add(Arguments.of(operation, "html", html, "text/html"));
			cases.add(Arguments.of(operation, "json", json, "application/json"));
			cases.add(Arguments.of(operation, "plain text", plain, "text/plain"));
		}
		return cases.build();
	}

	@ParameterizedTest(name = "{0}, {1} echo")
	@MethodSource("echoes")
	void anEchoedKeyIsMaskedInEveryAttemptAndEveryLogLine(Operation operation, String kind, String body,
			String contentType) {
		// 503 is retried for every operation (an upload too): three attempts, the first two kept as suppressed
		wiremock.stubFor(operation.stub.willReturn(aResponse().withStatus(503)
			.withHeader("Content-Type", contentType)
			.withBody(body)));

		MoonshotServerException failure = catchThrowableOfType(MoonshotServerException.class,
				() -> operation.call.apply(this.client).block());
		LogFactory.getLog(getClass()).error("the call failed", failure);

		assertThat(failure.getAttempts()).isEqualTo(3);
		assertThat(failure.getSuppressed()).filteredOn(MoonshotApiException.class::isInstance).hasSize(2);
		wiremock.verify(3, anyRequestedFor(anyUrl()));
		assertNoTraceOfTheKey(failure);
		assertThat(failure.getResponseBody()).contains(SecretRedactor.MASK);
		assertThat(failure.getSuppressed()).filteredOn(MoonshotApiException.class::isInstance)
			.allSatisfy((earlier) -> assertThat(((MoonshotApiException) earlier).getResponseBody())
				.contains(SecretRedactor.MASK));
		if (kind.equals("json")) {
			assertThat(failure.getProviderMessage()).contains("Bearer " + SecretRedactor.MASK);
		}
		else {
			assertThat(failure.getMessage()).contains("Bearer " + SecretRedactor.MASK);
		}
		assertThat(this.logs.rendered()).as("DEBUG logging is really on").hasSizeGreaterThan(3)
			.anySatisfy((line) -> assertThat(line).contains("the call failed"))
			.allSatisfy((line) -> assertThat(line).doesNotContain(fragment()));
	}

	@Test
	void aKeyCutWhereTheMessageAndTheKeptBodyEndIsMaskedWhole() {
		// the key straddles the message's 200 characters and the kept body's 4,096, counted after masking
		String start = "Bearer " + API_KEY + " ".repeat(173) + "Authorization: Bearer " + API_KEY;
		int maskedStart = start.length() - 2 * (API_KEY.length() - SecretRedactor.MASK.length());
		String body = start + "x".repeat(MoonshotApiError.MAX_BODY_CHARS - 10 - maskedStart) + API_KEY + "tail";
		wiremock.stubFor(delete("/v1/files/x").willReturn(aResponse().withStatus(418).withBody(body)));

		MoonshotApiException failure = catchThrowableOfType(MoonshotApiException.class,
				() -> this.client.delete("x").block());

		assertThat(failure.getResponseBody()).hasSize(MoonshotApiError.MAX_BODY_CHARS);
		assertNoTraceOfTheKey(failure);
	}

	@Test
	void aSuccessBodyThatEchoesTheKeyAndCannotBeReadKeepsNoTraceOfIt() {
		wiremock.stubFor(delete("/v1/files/x").willReturn(okJson(API_KEY)));
		wiremock.stubFor(get("/v1/files/x").willReturn(okJson("{\"id\":\"x\",\"bytes\":\"Bearer " + API_KEY + "\"}")));

		MoonshotMalformedResponseException token = catchThrowableOfType(MoonshotMalformedResponseException.class,
				() -> this.client.delete("x").block());
		MoonshotMalformedResponseException value = catchThrowableOfType(MoonshotMalformedResponseException.class,
				() -> this.client.retrieve("x").block());

		assertNoTraceOfTheKey(token);
		assertNoTraceOfTheKey(value);
		assertThat(value.getMessage()).contains("'bytes'");
	}

	/** Neither the key nor any start of it that outlasts its public prefix, anywhere a stack trace reaches. */
	private static void assertNoTraceOfTheKey(Throwable failure) {
		StringWriter trace = new StringWriter();
		failure.printStackTrace(new PrintWriter(trace));
		assertThat(trace.toString()).doesNotContain(fragment());
		assertThat(String.valueOf(failure)).doesNotContain(fragment());
		if (failure instanceof MoonshotApiException api) {
			assertThat(api.getResponseBody()).doesNotContain(fragment());
			assertThat(String.valueOf(api.getProviderMessage())).doesNotContain(fragment());
			assertThat(api.getError().toString()).doesNotContain(fragment());
		}
	}

	private static String fragment() {
		return API_KEY.substring(0, SecretRedactor.MIN_FRAGMENT + 1);
	}

	enum Operation {

		DELETE(delete("/v1/files/x"), (client) -> client.delete("x")),

		LIST(get("/v1/files"), MoonshotFilesClient::list),

		UPLOAD(post("/v1/files"), (client) -> client.upload(new ByteArrayResource(new byte[] { 1, 2, 3 }) {

			@Override
			public String getFilename() {
				return "a.txt";
			}

		}, FilePurpose.FILE_EXTRACT));

		final MappingBuilder stub;

		final Function<MoonshotFilesClient, Mono<?>> call;

		Operation(MappingBuilder stub, Function<MoonshotFilesClient, Mono<?>> call) {
			this.stub = stub;
			this.call = call;
		}

	}

}
