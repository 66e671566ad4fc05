package dev.moonshot.spring.client;

import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link MoonshotFilesClient} on a {@link WebClient} whose base URL, {@code Authorization} and {@code User-Agent}
 * are set once, at build time. Paths are always URI templates, so metrics tag {@code /v1/files/{file_id}} rather
 * than one tag value per file.
 */
final class DefaultMoonshotFilesClient implements MoonshotFilesClient {

	static final String FILE_PATH = "/v1/files/{file_id}";

	private final WebClient webClient;

	private final String baseUrl;

	private final Duration responseTimeout;

	private final MoonshotExceptionTranslator exceptionTranslator;

	private final BlockingMoonshotFilesClient blocking;

	DefaultMoonshotFilesClient(WebClient webClient, String baseUrl, Duration responseTimeout,
			MoonshotExceptionTranslator exceptionTranslator) {
		this.webClient = webClient;
		this.baseUrl = baseUrl;
		this.responseTimeout = responseTimeout;
		this.exceptionTranslator = exceptionTranslator;
		this.blocking = new DefaultBlockingMoonshotFilesClient(this, responseTimeout);
	}

	@Override
	public Mono<FileDeleteResponse> delete(String fileId) {
		FileId.requireValid(fileId);
		return this.webClient.delete()
			.uri(FILE_PATH, fileId)
			.accept(MediaType.APPLICATION_JSON)
			.exchangeToMono((response) -> {
				if (!response.statusCode().is2xxSuccessful()) {
					return this.exceptionTranslator.fromResponse(response, deleteCall(fileId)).flatMap(Mono::error);
				}
				String requestId = requestId(response);
				return response.bodyToMono(WireTypes.FileDeleted.class)
					.map((body) -> body.toResponse(fileId, requestId))
					.switchIfEmpty(Mono.fromSupplier(() -> new FileDeleteResponse(fileId, "file", true, requestId)));
			})
			.timeout(this.responseTimeout)
			.onErrorMap((ex) -> !(ex instanceof MoonshotException),
					(ex) -> this.exceptionTranslator.fromFailure(ex, deleteCall(fileId), this.responseTimeout));
	}

	@Override
	public BlockingMoonshotFilesClient blocking() {
		return this.blocking;
	}

	private static String deleteCall(String fileId) {
		return "DELETE /v1/files/" + fileId;
	}

	private static String requestId(ClientResponse response) {
		return response.headers().asHttpHeaders().getFirst(MoonshotExceptionTranslator.REQUEST_ID_HEADER);
	}

	@Override
	public String toString() {
		return "DefaultMoonshotFilesClient[baseUrl=" + this.baseUrl + ", responseTimeout=" + this.responseTimeout
				+ "]";
	}

}
