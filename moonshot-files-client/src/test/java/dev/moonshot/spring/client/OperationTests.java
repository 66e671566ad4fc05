package dev.moonshot.spring.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import dev.moonshot.spring.client.exception.MoonshotFailure;
import dev.moonshot.spring.client.exception.MoonshotFailureKind;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class OperationTests {

	@Test
	void describesTheCallFromItsPathTemplate() {
		assertThat(Operation.DELETE.describe("abc")).isEqualTo("DELETE /v1/files/abc");
		assertThat(Operation.RETRIEVE.describe("abc")).isEqualTo("GET /v1/files/abc");
		assertThat(Operation.CONTENT.describe("abc")).isEqualTo("GET /v1/files/abc/content");
		assertThat(Operation.LIST.describe(null)).isEqualTo("GET /v1/files");
		assertThat(Operation.UPLOAD.describe("a.pdf")).isEqualTo("POST /v1/files (a.pdf)");
	}

	@Test
	void fileOperationsKeepTheTemplateForMetrics() {
		assertThat(Operation.DELETE.path).isEqualTo("/v1/files/{file_id}");
		assertThat(Operation.CONTENT.path).isEqualTo("/v1/files/{file_id}/content");
	}

	@Test
	void withoutAnApiVersionAnUploadIsRepeatedOnlyWhenItCertainlyWasNotProcessed() {
		assertThat(Operation.UPLOAD.mayRepeat(unanswered(MoonshotFailureKind.CONNECT_FAILED,
				MoonshotFailure.Delivery.NOT_SENT), false)).isTrue();
		assertThat(Operation.UPLOAD.mayRepeat(RetryPolicyTests.answered(429, null), false)).isTrue();
		assertThat(Operation.UPLOAD.mayRepeat(RetryPolicyTests.answered(429, "engine_overloaded_error"), false)).isTrue();
		assertThat(Operation.UPLOAD.mayRepeat(RetryPolicyTests.answered(503, null), false)).isTrue();

		assertThat(Operation.UPLOAD.mayRepeat(unanswered(MoonshotFailureKind.CONNECTION_LOST,
				MoonshotFailure.Delivery.POSSIBLY_PROCESSED), false)).isFalse();
		for (int status : new int[] { 500, 502, 504 }) {
			assertThat(Operation.UPLOAD.mayRepeat(RetryPolicyTests.answered(status, null), false)).as("status %d", status)
				.isFalse();
		}
	}

	@Test
	void withAnApiVersionTheProviderReplaysAnUploadSoItIsRepeatedLikeARead() {
		assertThat(Operation.UPLOAD.mayRepeat(RetryPolicyTests.answered(500, null), true)).isTrue();
		assertThat(Operation.UPLOAD.mayRepeat(unanswered(MoonshotFailureKind.CONNECTION_LOST,
				MoonshotFailure.Delivery.POSSIBLY_PROCESSED), true)).isTrue();
	}

	@Test
	void readsAndDeletesAreRepeatedAfterAnyRetryableFailure() {
		for (Operation<?> operation : new Operation<?>[] { Operation.LIST, Operation.RETRIEVE, Operation.CONTENT,
				Operation.DELETE }) {
			assertThat(operation.mayRepeat(unanswered(MoonshotFailureKind.CONNECTION_LOST,
					MoonshotFailure.Delivery.POSSIBLY_PROCESSED), false)).isTrue();
		}
	}

	/**
	 * The client puts a file's URI together itself instead of expanding the template per call: it must be the very
	 * URI the WebClient's template expansion gives, for every valid id, and tell the observation the template.
	 */
	@Test
	void aFilesUriIsTheOneTheWebClientsTemplateWouldExpandTo() {
		String base = "https://proxy.example/moonshot";
		List<String> ids = new ArrayList<>(List.of("cqd0d4b4hdjbdq7nrsmg", "file-abc_1.2~3", "a:b", "a@b", "a+b", "a=b",
				"a;b", "a,b", "a!b*c'd(e)f", "[x]", "a$b&c", "caf\u00e9", "\u6587\u4ef6", "\ud83d\udcc4", "..a", "a..",
				"a-b", "a\"b", "<a>", "a{b}", "a|b^c`d"));
		Random random = new Random(26);
		String alphabet = "abcXYZ019-._~:@!$&'()*+,;=\"<>[]^`{|}\u00e9\u6587\ud83d\udcc4";
		for (int i = 0; i < 2_000; i++) {
			StringBuilder id = new StringBuilder();
			int length = 1 + random.nextInt(12);
			while (id.length() < length) {
				int at = random.nextInt(alphabet.length());
				char c = alphabet.charAt(at);
				if (Character.isHighSurrogate(c)) {
					id.append(alphabet, at, at + 2);
				}
				else if (!Character.isLowSurrogate(c)) {
					id.append(c);
				}
			}
			ids.add(id.toString());
		}
		for (Operation<?> operation : List.of(Operation.DELETE, Operation.RETRIEVE, Operation.CONTENT)) {
			for (String id : ids) {
				if (id.equals(".") || id.equals("..")) {
					continue;
				}
				FileId.requireValid(id);
				ClientRequest ours = captured((webClient) -> operation.request(webClient, base, id));
				ClientRequest template = captured(
						(webClient) -> webClient.method(operation.method).uri(operation.path, id));
				assertThat(ours.url()).as(id).isEqualTo(template.url());
				assertThat(ours.attribute(Operation.URI_TEMPLATE_ATTRIBUTE)).as(id)
					.isEqualTo(template.attribute(Operation.URI_TEMPLATE_ATTRIBUTE))
					.hasValue(base + operation.path);
			}
		}
		assertThat(captured((webClient) -> Operation.LIST.request(webClient, base, null)).url())
			.isEqualTo(URI.create(base + "/v1/files"));
	}

	private static ClientRequest captured(Function<WebClient, WebClient.RequestHeadersSpec<?>> request) {
		AtomicReference<ClientRequest> captured = new AtomicReference<>();
		WebClient webClient = WebClient.builder()
			.baseUrl("https://proxy.example/moonshot")
			.exchangeFunction((sent) -> {
				captured.set(sent);
				return Mono.just(ClientResponse.create(HttpStatus.NO_CONTENT).build());
			})
			.build();
		request.apply(webClient).exchangeToMono((response) -> response.releaseBody()).block();
		return captured.get();
	}

	private static MoonshotFailure unanswered(MoonshotFailureKind kind, MoonshotFailure.Delivery delivery) {
		return MoonshotFailure.unanswered(kind, delivery, "failed", null, null);
	}

}
