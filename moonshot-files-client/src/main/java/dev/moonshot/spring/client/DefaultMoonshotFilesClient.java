package dev.moonshot.spring.client;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.Resource;
import org.springframework.core.log.LogMessage;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link MoonshotFilesClient} on a {@link WebClient} whose base URL, {@code Authorization} and {@code User-Agent}
 * are set once, at build time. Each operation validates its input, builds its request from its {@link Operation}'s
 * URI template (so metrics tag {@code /v1/files/{file_id}}, never one value per file), says how to read the answer
 * and whether it may be repeated, and hands it to the {@link CallPipeline}.
 */
final class DefaultMoonshotFilesClient implements MoonshotFilesClient {

	private static final Log logger = LogFactory.getLog(MoonshotFilesClient.class);

	private final WebClient webClient;

	private final String baseUrl;

	private final CallPipeline pipeline;

	private static final byte[] NO_BYTES = new byte[0];

	/** The versioned API's pages, by URI template: the query names are fixed, so metrics see two templates. */
	private static final String FIRST_PAGE = Operation.LIST.path + "?page_size={page_size}";

	private static final String NEXT_PAGE = FIRST_PAGE + "&page_token={page_token}";

	private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final int bulkDeleteConcurrency;

	private final @Nullable String apiVersion;

	private final int pageSize;

	private final @Nullable String filenamePrefix;

	private final Clock clock;

	private final DefaultMoonshotFilesClientBuilder settings;

	private final BlockingMoonshotFilesClient blocking;

	DefaultMoonshotFilesClient(WebClient webClient, String baseUrl, DefaultMoonshotFilesClientBuilder settings,
			Clock clock) {
		this.webClient = webClient;
		this.baseUrl = baseUrl;
		this.settings = settings;
		this.clock = clock;
		this.bulkDeleteConcurrency = settings.bulkDeleteConcurrency;
		this.apiVersion = settings.apiVersion;
		this.pageSize = settings.pageSize;
		this.filenamePrefix = settings.filenamePrefix;
		this.pipeline = new CallPipeline(settings,
				new MoonshotExceptionTranslator(clock, new SecretRedactor(String.valueOf(settings.apiKey).strip()),
						settings.effectiveConnectTimeout(), settings.apiVersion != null));
		this.blocking = new DefaultBlockingMoonshotFilesClient(this, settings.callTimeout, settings.uploadTimeout);
	}

	@Override
	public Mono<FileObject> upload(Resource file, FilePurpose purpose) {
		return upload(UploadFile.of(file, this.filenamePrefix), purpose);
	}

	@Override
	public Mono<FileObject> upload(Path file, FilePurpose purpose) {
		return upload(UploadFile.of(file, this.filenamePrefix), purpose);
	}

	private Mono<FileObject> upload(UploadFile file, FilePurpose purpose) {
		Assert.notNull(purpose, "purpose must not be null");
		// a key of its own for each upload, the same on each of its retries: the provider replays instead of storing
		// the file twice (documented for the versioned API)
		return Mono.defer(() -> {
			MultipartBodyBuilder parts = new MultipartBodyBuilder();
			parts.part("file", file.resource()).filename(file.storedName()).contentType(file.contentType());
			parts.part("purpose", purpose.value());
			WebClient.RequestHeadersSpec<?> request = Operation.UPLOAD.request(this.webClient, null)
				.accept(MediaType.APPLICATION_JSON)
				.header(IDEMPOTENCY_KEY, UUID.randomUUID().toString())
				.body(BodyInserters.fromMultipartData(parts.build()));
			return this.pipeline.call(Operation.UPLOAD, file.storedName(), request,
					(response) -> required(response.bodyToMono(WireTypes.File.class))
						.map(WireTypes.File::toFileObject),
					this::mayRepeatUpload);
		});
	}

	/**
	 * An upload is not idempotent unless the provider replays it. With an API version, it does for the
	 * {@code Idempotency-Key} every upload carries, so an upload is repeated after what a read is. Without one
	 * (no replay is documented there) it is repeated only when the request certainly did not reach the provider's
	 * processing (no connection, 429 rate limited, 503): after a timeout, a reset or a 500 it may have been stored,
	 * and a duplicate would count against the file quota.
	 */
	boolean mayRepeatUpload(AttemptFailure failure) {
		if (this.apiVersion != null) {
			return true;
		}
		return switch (failure.delivery()) {
			case NOT_SENT -> true;
			case POSSIBLY_PROCESSED -> false;
			case ANSWERED -> failure.exception() instanceof MoonshotRateLimitException
					|| (failure.exception() instanceof MoonshotApiException api
							&& api.getStatusCode().value() == 503);
		};
	}

	@Override
	public Mono<List<FileObject>> list() {
		// one observation for the whole list, so that its result is every file (the quota gauges read it)
		return this.pipeline.observed(Operation.LIST, null, walk(false).collectList());
	}

	@Override
	public Flux<FileObject> files() {
		return walk(true);
	}

	/**
	 * Every file, page by page: the next page is asked for only once every file of the current one went
	 * downstream, so at most one page is held. Without an API version, the one unpaginated list.
	 * @param observeEachPage whether each page is a call of its own to the observation (else the caller observes)
	 */
	private Flux<FileObject> walk(boolean observeEachPage) {
		if (this.apiVersion == null) {
			return page(null, observeEachPage).flatMapIterable(Page::files);
		}
		return Flux.defer(() -> walkFrom(null, new HashSet<>(), 1, observeEachPage));
	}

	private Flux<FileObject> walkFrom(@Nullable String token, Set<String> seenTokens, int pageNumber,
			boolean observeEachPage) {
		return page(token, observeEachPage).flatMapMany((page) -> {
			Flux<FileObject> files = Flux.fromIterable(page.files());
			String next = page.next();
			if (next == null) {
				return files;
			}
			if (!seenTokens.add(next)) {
				return files.concatWith(Mono.error(new MoonshotPaginationException("Moonshot GET /v1/files sent "
						+ "the same page token again after page " + pageNumber + ": the list would never end")));
			}
			if (pageNumber >= MoonshotClientDefaults.MAX_PAGES) {
				return files.concatWith(Mono.error(new MoonshotPaginationException("Moonshot GET /v1/files sent "
						+ "more than " + MoonshotClientDefaults.MAX_PAGES + " pages of " + this.pageSize
						+ " files: more than any account holds, so the list would never end")));
			}
			return files.concatWith(Flux.defer(() -> walkFrom(next, seenTokens, pageNumber + 1, observeEachPage)));
		});
	}

	/** One page of the list: the whole list without an API version. */
	private Mono<Page> page(@Nullable String token, boolean observed) {
		WebClient.RequestHeadersSpec<?> request;
		if (this.apiVersion == null) {
			request = Operation.LIST.request(this.webClient, null);
		}
		else if (token == null) {
			request = this.webClient.get().uri(FIRST_PAGE, this.pageSize);
		}
		else {
			request = this.webClient.get().uri(NEXT_PAGE, this.pageSize, token);
		}
		request = request.accept(MediaType.APPLICATION_JSON);
		Function<ClientResponse, Mono<Page>> decoder = (response) -> required(
				response.bodyToMono(WireTypes.FileList.class))
			.map((list) -> new Page(list.toFileObjects(), (this.apiVersion != null) ? list.next() : null));
		return observed ? this.pipeline.call(Operation.LIST, null, request, decoder, DefaultMoonshotFilesClient::idempotent)
				: this.pipeline.retried(Operation.LIST, null, request, decoder, DefaultMoonshotFilesClient::idempotent);
	}

	/**
	 * One page of files and the token of the next, if any.
	 */
	private record Page(List<FileObject> files, @Nullable String next) {

	}

	@Override
	public Mono<FileObject> retrieve(String fileId) {
		FileId.requireValid(fileId);
		return this.pipeline.call(Operation.RETRIEVE, fileId,
				Operation.RETRIEVE.request(this.webClient, fileId).accept(MediaType.APPLICATION_JSON),
				(response) -> required(response.bodyToMono(WireTypes.File.class)).map(WireTypes.File::toFileObject),
				DefaultMoonshotFilesClient::idempotent);
	}

	@Override
	public Mono<String> content(String fileId) {
		FileId.requireValid(fileId);
		return this.pipeline.call(Operation.CONTENT, fileId,
				Operation.CONTENT.request(this.webClient, fileId).accept(MediaType.TEXT_PLAIN, MediaType.ALL),
				(response) -> response.bodyToMono(byte[].class)
					.defaultIfEmpty(NO_BYTES)
					.map((body) -> ExtractedText.of(response.headers().contentType().orElse(null), body)),
				DefaultMoonshotFilesClient::idempotent);
	}

	@Override
	public Mono<FileDeleteResponse> delete(String fileId) {
		FileId.requireValid(fileId);
		Mono<FileDeleteResponse> call = this.pipeline.retried(Operation.DELETE, fileId,
				Operation.DELETE.request(this.webClient, fileId).accept(MediaType.APPLICATION_JSON),
				(response) -> {
					String requestId = requestId(response);
					// no body at all (204 No Content) means deleted; a body must be the object, every field of it
					return response.bodyToMono(byte[].class)
						.filter((body) -> body.length > 0)
						.map((body) -> WireTypes.FileDeleted.read(body, response.headers().contentType().orElse(null))
							.toResponse(requestId))
						.switchIfEmpty(
								Mono.fromSupplier(() -> new FileDeleteResponse(fileId, "file", true, requestId)));
				}, DefaultMoonshotFilesClient::idempotent);
		// a 404 after an attempt that may have been processed unanswered: that attempt deleted the file
		return this.pipeline.observed(Operation.DELETE, fileId,
				call.onErrorResume(MoonshotNotFoundException.class,
						(notFound) -> notFound.isPrecededByPossiblyProcessedAttempt()
								? Mono.just(new FileDeleteResponse(fileId, "file", true, notFound.getRequestId()))
								: Mono.error(notFound)));
	}

	/** Reads and deletes may be repeated after any retryable failure. */
	private static boolean idempotent(AttemptFailure failure) {
		return true;
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
		return Flux.defer(() -> {
			AdaptiveConcurrency concurrency = new AdaptiveConcurrency(this.bulkDeleteConcurrency);
			return Flux.using(() -> this.pipeline.listen(concurrency),
					(listening) -> Flux.range(0, distinct.size())
						.flatMapSequential((index) -> concurrency.run(() -> deleteReporting(distinct.get(index))),
								this.bulkDeleteConcurrency),
					Disposable::dispose);
		}).collectList().map(FileDeletionReport::new);
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
	public Mono<FileDeletionReport> deleteOlderThan(FileScope scope, Duration age) {
		Assert.notNull(scope, "scope must not be null");
		Assert.notNull(age, "age must not be null");
		Assert.isTrue(!age.isNegative() && !age.isZero(), () -> "age must be positive, got " + age);
		return Mono.defer(() -> {
			Instant cutoff = this.clock.instant().minus(age);
			return deleteMatching((file) -> scope.contains(file) && file.createdAt().isBefore(cutoff));
		});
	}

	@Override
	public Mono<String> extract(Resource file) {
		return extract(UploadFile.of(file, this.filenamePrefix));
	}

	@Override
	public Mono<String> extract(Path file) {
		return extract(UploadFile.of(file, this.filenamePrefix));
	}

	/**
	 * Upload, read the text, delete: the delete runs on success, on error and on cancellation alike.
	 */
	private Mono<String> extract(UploadFile file) {
		return Mono.usingWhen(upload(file, FilePurpose.FILE_EXTRACT), (stored) -> content(stored.id()),
				this::deleteAfterExtraction, (stored, failure) -> deleteAfterExtraction(stored),
				this::deleteAfterExtraction);
	}

	private Mono<Void> deleteAfterExtraction(FileObject stored) {
		return delete(stored.id()).then().onErrorResume(MoonshotException.class, (failure) -> {
			if (!(failure instanceof MoonshotNotFoundException)) {
				logger.warn(LogMessage.format("Moonshot could not delete %s (%s) after extracting its text: it is "
						+ "left for the next retention run of the application's scope (%s)", stored.id(),
						stored.filename(), failure.getMessage()));
			}
			return Mono.empty();
		});
	}

	@Override
	public Mono<FileUsage> usage() {
		return list().map(FileUsage::of);
	}

	@Override
	public @Nullable MoonshotApiDeprecation deprecation() {
		return this.pipeline.deprecation();
	}

	@Override
	public MoonshotFilesClient.Builder mutate() {
		return this.settings.copy();
	}

	@Override
	public BlockingMoonshotFilesClient blocking() {
		return this.blocking;
	}

	/** A success body that must be there: an empty one is malformed, never an empty result. */
	private static <T> Mono<T> required(Mono<T> body) {
		return body.switchIfEmpty(Mono.error(() -> new WireFormatException("", "is empty")));
	}

	private static @Nullable String requestId(ClientResponse response) {
		return response.headers().asHttpHeaders().getFirst(MoonshotExceptionTranslator.REQUEST_ID_HEADER);
	}

	@Override
	public String toString() {
		return "DefaultMoonshotFilesClient[baseUrl=" + this.baseUrl + ", responseTimeout="
				+ this.settings.responseTimeout + ", callTimeout=" + this.settings.callTimeout + ", uploadTimeout="
				+ this.settings.uploadTimeout + ", retry=" + this.settings.retrySettings + "]";
	}

}
