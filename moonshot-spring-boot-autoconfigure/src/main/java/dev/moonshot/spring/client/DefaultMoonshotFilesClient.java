package dev.moonshot.spring.client;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link MoonshotFilesClient} on a {@link WebClient} whose base URL, {@code Authorization} and {@code User-Agent}
 * are set once, at build time. Paths are always URI templates, so metrics tag {@code /v1/files/{file_id}} rather
 * than one tag value per file.
 */
final class DefaultMoonshotFilesClient implements MoonshotFilesClient {

	static final String FILES_PATH = "/v1/files";

	static final String FILE_PATH = "/v1/files/{file_id}";

	static final String CONTENT_PATH = "/v1/files/{file_id}/content";

	private final WebClient webClient;

	private final String baseUrl;

	private final Deadline responseDeadline;

	private final Deadline uploadDeadline;

	private final int bulkDeleteConcurrency;

	private final Clock clock;

	private final MoonshotExceptionTranslator exceptionTranslator;

	private final BlockingMoonshotFilesClient blocking;

	DefaultMoonshotFilesClient(WebClient webClient, String baseUrl, Duration responseTimeout, Duration uploadTimeout,
			int bulkDeleteConcurrency, Clock clock) {
		this.webClient = webClient;
		this.baseUrl = baseUrl;
		this.responseDeadline = Deadline.response(responseTimeout);
		this.uploadDeadline = Deadline.upload(uploadTimeout);
		this.bulkDeleteConcurrency = bulkDeleteConcurrency;
		this.clock = clock;
		this.exceptionTranslator = new MoonshotExceptionTranslator(clock);
		this.blocking = new DefaultBlockingMoonshotFilesClient(this, responseTimeout, uploadTimeout);
	}

	@Override
	public Mono<FileObject> upload(Resource file, FilePurpose purpose) {
		return upload(UploadFile.of(file), purpose);
	}

	@Override
	public Mono<FileObject> upload(Path file, FilePurpose purpose) {
		return upload(UploadFile.of(file), purpose);
	}

	private Mono<FileObject> upload(UploadFile file, FilePurpose purpose) {
		Assert.notNull(purpose, "purpose must not be null");
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("file", file.resource()).filename(file.filename()).contentType(file.contentType());
		parts.part("purpose", purpose.value());
		WebClient.RequestHeadersSpec<?> request = this.webClient.post()
			.uri(FILES_PATH)
			.accept(MediaType.APPLICATION_JSON)
			.body(BodyInserters.fromMultipartData(parts.build()));
		return exchange(request, "POST /v1/files (" + file.filename() + ")", this.uploadDeadline,
				(response) -> response.bodyToMono(WireTypes.File.class).map(WireTypes.File::toFileObject));
	}

	@Override
	public Mono<List<FileObject>> list() {
		return exchange(this.webClient.get().uri(FILES_PATH).accept(MediaType.APPLICATION_JSON), "GET /v1/files",
				this.responseDeadline, (response) -> response.bodyToMono(WireTypes.FileList.class)
					.map(WireTypes.FileList::toFileObjects)
					.defaultIfEmpty(List.of()));
	}

	@Override
	public Mono<FileObject> retrieve(String fileId) {
		FileId.requireValid(fileId);
		return exchange(this.webClient.get().uri(FILE_PATH, fileId).accept(MediaType.APPLICATION_JSON),
				"GET /v1/files/" + fileId, this.responseDeadline,
				(response) -> response.bodyToMono(WireTypes.File.class).map(WireTypes.File::toFileObject));
	}

	@Override
	public Mono<String> content(String fileId) {
		FileId.requireValid(fileId);
		return exchange(
				this.webClient.get().uri(CONTENT_PATH, fileId).accept(MediaType.TEXT_PLAIN, MediaType.ALL),
				"GET /v1/files/" + fileId + "/content", this.responseDeadline,
				(response) -> response.bodyToMono(String.class).defaultIfEmpty(""));
	}

	@Override
	public Mono<FileDeleteResponse> delete(String fileId) {
		FileId.requireValid(fileId);
		return exchange(this.webClient.delete().uri(FILE_PATH, fileId).accept(MediaType.APPLICATION_JSON),
				"DELETE /v1/files/" + fileId, this.responseDeadline, (response) -> {
					String requestId = requestId(response);
					return response.bodyToMono(WireTypes.FileDeleted.class)
						.map((body) -> body.toResponse(fileId, requestId))
						.switchIfEmpty(
								Mono.fromSupplier(() -> new FileDeleteResponse(fileId, "file", true, requestId)));
				});
	}

	@Override
	public Mono<Boolean> deleteIfExists(String fileId) {
		return delete(fileId).map(FileDeleteResponse::deleted)
			.onErrorResume(MoonshotNotFoundException.class, (ex) -> Mono.just(false));
	}

	@Override
	public Mono<FileDeletionReport> deleteAll(Collection<String> fileIds) {
		Assert.notNull(fileIds, "fileIds must not be null");
		List<@Nullable String> distinct = new ArrayList<>(new LinkedHashSet<>(fileIds));
		// by index: a Flux cannot carry the null ids that are reported as failures
		return Flux.range(0, distinct.size())
			.flatMapSequential((index) -> deleteReporting(distinct.get(index)), this.bulkDeleteConcurrency)
			.collectList()
			.map(FileDeletionReport::new);
	}

	private Mono<FileDeletion> deleteReporting(@Nullable String fileId) {
		String id = String.valueOf(fileId);
		Mono<FileDeleteResponse> call;
		try {
			call = delete(fileId);
		}
		catch (IllegalArgumentException ex) {
			return Mono.just(new FileDeletion(id, FileDeletion.Outcome.FAILED, ex));
		}
		return call.map((response) -> new FileDeletion(id, FileDeletion.Outcome.DELETED, null))
			.onErrorResume(MoonshotNotFoundException.class,
					(ex) -> Mono.just(new FileDeletion(id, FileDeletion.Outcome.ALREADY_ABSENT, null)))
			.onErrorResume(MoonshotException.class,
					(ex) -> Mono.just(new FileDeletion(id, FileDeletion.Outcome.FAILED, ex)));
	}

	@Override
	public Mono<FileDeletionReport> deleteMatching(Predicate<FileObject> filter) {
		Assert.notNull(filter, "filter must not be null");
		return list().map((files) -> files.stream().filter(filter).map(FileObject::id).toList())
			.flatMap(this::deleteAll);
	}

	@Override
	public Mono<FileDeletionReport> deleteOlderThan(Duration age) {
		Assert.notNull(age, "age must not be null");
		Assert.isTrue(!age.isNegative() && !age.isZero(), () -> "age must be positive, got " + age);
		return Mono.defer(() -> {
			Instant cutoff = this.clock.instant().minus(age);
			return deleteMatching((file) -> file.createdAt().isBefore(cutoff));
		});
	}

	@Override
	public Mono<FileUsage> usage() {
		return list().map((files) -> new FileUsage(files.size(), files.stream().mapToLong(FileObject::bytes).sum()));
	}

	@Override
	public BlockingMoonshotFilesClient blocking() {
		return this.blocking;
	}

	/**
	 * Send a request and read a 2xx answer with {@code onSuccess}; anything else becomes a
	 * {@link MoonshotException}. The deadline covers the whole exchange, body included.
	 */
	private <T> Mono<T> exchange(WebClient.RequestHeadersSpec<?> request, String call, Deadline deadline,
			Function<ClientResponse, Mono<T>> onSuccess) {
		return request
			.exchangeToMono((response) -> response.statusCode().is2xxSuccessful() ? onSuccess.apply(response)
					: this.exceptionTranslator.fromResponse(response, call).flatMap(Mono::error))
			.timeout(deadline.timeout())
			.onErrorMap((ex) -> !(ex instanceof MoonshotException),
					(ex) -> this.exceptionTranslator.fromFailure(ex, call, deadline));
	}

	private static @Nullable String requestId(ClientResponse response) {
		return response.headers().asHttpHeaders().getFirst(MoonshotExceptionTranslator.REQUEST_ID_HEADER);
	}

	@Override
	public String toString() {
		return "DefaultMoonshotFilesClient[baseUrl=" + this.baseUrl + ", responseTimeout="
				+ this.responseDeadline.timeout() + ", uploadTimeout=" + this.uploadDeadline.timeout() + "]";
	}

}
