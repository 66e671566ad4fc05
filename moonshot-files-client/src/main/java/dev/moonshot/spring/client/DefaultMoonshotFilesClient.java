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
import java.util.function.Predicate;

import dev.moonshot.spring.client.exception.MoonshotException;
import dev.moonshot.spring.client.exception.MoonshotNotFoundException;
import dev.moonshot.spring.client.exception.MoonshotPaginationException;
import dev.moonshot.spring.client.model.ApiKeyInUse;
import dev.moonshot.spring.client.model.FileDeleteResponse;
import dev.moonshot.spring.client.model.FileDeletion;
import dev.moonshot.spring.client.model.FileDeletionReport;
import dev.moonshot.spring.client.model.FileObject;
import dev.moonshot.spring.client.model.FilePurpose;
import dev.moonshot.spring.client.model.FileScope;
import dev.moonshot.spring.client.model.FileUsage;
import dev.moonshot.spring.client.model.MoonshotApiDeprecation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.Resource;
import org.springframework.core.log.LogMessage;
import org.springframework.http.HttpEntity;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.util.Assert;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link MoonshotFilesClient} on a {@link WebClient} whose base URL, {@code Authorization} and {@code User-Agent}
 * are set once, at build time. Each public method validates its input, builds the request of its {@link Operation}
 * (by URI template, so metrics tag {@code /v1/files/{file_id}}, never one value per file) with the call's own
 * values, and hands it to the {@link CallPipeline}; how the answer is read and when the call is repeated are the
 * operation's.
 */
final class DefaultMoonshotFilesClient implements MoonshotFilesClient {

	private static final Log logger = LogFactory.getLog(MoonshotFilesClient.class);

	private final String baseUrl;

	private final CallPipeline pipeline;

	private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final int bulkDeleteConcurrency;

	private final @Nullable String apiVersion;

	private final int pageSize;

	private final @Nullable String filenamePrefix;

	private final Clock clock;

	private final DefaultMoonshotFilesClientBuilder settings;

	private final BlockingMoonshotFilesClient blocking;

	private final KeyRing keys;

	DefaultMoonshotFilesClient(WebClient webClient, String baseUrl, DefaultMoonshotFilesClientBuilder settings,
			KeyRing keys, Clock clock) {
		this.baseUrl = baseUrl;
		this.settings = settings;
		this.clock = clock;
		this.bulkDeleteConcurrency = settings.bulkDeleteConcurrency;
		this.apiVersion = settings.apiVersion;
		this.pageSize = settings.pageSize;
		this.filenamePrefix = settings.filenamePrefix;
		this.keys = keys;
		this.pipeline = new CallPipeline(webClient, settings, keys,
				new MoonshotExceptionTranslator(clock, new SecretRedactor(keys::used),
						settings.effectiveConnectTimeout(), settings.apiVersion != null),
				clock);
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
			String idempotencyKey = UUID.randomUUID().toString();
			MultiValueMap<String, HttpEntity<?>> body = parts.build();
			return this.pipeline.call(Operation.UPLOAD, file.storedName(),
					(webClient) -> Operation.UPLOAD.request(webClient, this.baseUrl, null)
						.header(IDEMPOTENCY_KEY, idempotencyKey)
						.body(BodyInserters.fromMultipartData(body)));
		});
	}

	@Override
	public Mono<List<FileObject>> list() {
		// one observation for the whole list, so that its result is every file (the quota gauges read it)
		return this.pipeline.observe(Operation.LIST, walk().collectList());
	}

	@Override
	public Flux<FileObject> files() {
		return walk();
	}

	/**
	 * Every file, page by page: the next page is asked for only once every file of the current one went
	 * downstream, so at most one page is held. Without an API version, the one unpaginated list. Each page is a call
	 * of its own, unless the walk is observed as a whole ({@link #list()}).
	 */
	private Flux<FileObject> walk() {
		if (this.apiVersion == null) {
			return page(null).flatMapIterable(Decoders.Page::files);
		}
		return Flux.defer(() -> walkFrom(null, new HashSet<>(), 1));
	}

	private Flux<FileObject> walkFrom(@Nullable String token, Set<String> seenTokens, int pageNumber) {
		return page(token).flatMapMany((page) -> {
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
			return files.concatWith(Flux.defer(() -> walkFrom(next, seenTokens, pageNumber + 1)));
		});
	}

	/** One page of the list: the whole list without an API version. */
	private Mono<Decoders.Page> page(@Nullable String token) {
		Operation.Request request;
		if (this.apiVersion == null) {
			request = (webClient) -> Operation.LIST.request(webClient, this.baseUrl, null);
		}
		else if (token == null) {
			request = (webClient) -> Operation.LIST.requestAt(webClient, Operation.FIRST_PAGE, this.pageSize);
		}
		else {
			request = (webClient) -> Operation.LIST.requestAt(webClient, Operation.NEXT_PAGE, this.pageSize, token);
		}
		return this.pipeline.call(Operation.LIST, null, request);
	}

	@Override
	public Mono<FileObject> retrieve(String fileId) {
		return onFile(Operation.RETRIEVE, fileId);
	}

	@Override
	public Mono<String> content(String fileId) {
		return onFile(Operation.CONTENT, fileId);
	}

	@Override
	public Mono<FileDeleteResponse> delete(String fileId) {
		return onFile(Operation.DELETE, fileId);
	}

	/** A call on one file: its id checked before anything is sent, then the operation's request at its path. */
	private <T> Mono<T> onFile(Operation<T> operation, String fileId) {
		FileId.requireValid(fileId);
		return this.pipeline.call(operation, fileId, (webClient) -> operation.request(webClient, this.baseUrl, fileId));
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
			.onErrorResume(MoonshotException.class,
					(ex) -> Mono.just((ex instanceof MoonshotNotFoundException)
							? new FileDeletion(id, FileDeletion.Outcome.ALREADY_ABSENT, null)
							: new FileDeletion(id, FileDeletion.Outcome.FAILED, ex)));
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
		MoonshotClientDefaults.requirePositive(age, "age");
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
	public ApiKeyInUse apiKeyInUse() {
		return this.keys.inUse();
	}

	@Override
	public MoonshotFilesClient.Builder mutate() {
		return this.settings.copy();
	}

	@Override
	public BlockingMoonshotFilesClient blocking() {
		return this.blocking;
	}

	@Override
	public String toString() {
		return "DefaultMoonshotFilesClient[baseUrl=" + this.baseUrl + ", responseTimeout="
				+ this.settings.responseTimeout + ", callTimeout=" + this.settings.callTimeout + ", uploadTimeout="
				+ this.settings.uploadTimeout + ", retry=" + this.settings.retrySettings + "]";
	}

}
