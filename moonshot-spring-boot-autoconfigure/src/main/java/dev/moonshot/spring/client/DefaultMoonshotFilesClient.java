package dev.moonshot.spring.client;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.moonshot.spring.observation.DefaultMoonshotClientObservationConvention;
import dev.moonshot.spring.observation.MoonshotClientObservationContext;
import dev.moonshot.spring.observation.MoonshotClientObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

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

	private static final MoonshotClientObservationConvention DEFAULT_OBSERVATION_CONVENTION =
			new DefaultMoonshotClientObservationConvention();

	private final WebClient webClient;

	private final String baseUrl;

	private final Deadline responseDeadline;

	private final Deadline callDeadline;

	private final Deadline uploadDeadline;

	private final MoonshotRetrySettings retrySettings;

	private final RetryBudget retryBudget;

	private final int bulkDeleteConcurrency;

	private final Clock clock;

	private final DefaultMoonshotFilesClientBuilder settings;

	private final ObservationRegistry observationRegistry;

	private final @Nullable MoonshotClientObservationConvention observationConvention;

	private final MoonshotFilesClientListener listener;

	private final MoonshotExceptionTranslator exceptionTranslator;

	private final BlockingMoonshotFilesClient blocking;

	DefaultMoonshotFilesClient(WebClient webClient, String baseUrl, DefaultMoonshotFilesClientBuilder settings,
			Clock clock) {
		this.webClient = webClient;
		this.baseUrl = baseUrl;
		this.settings = settings;
		this.responseDeadline = Deadline.response(settings.responseTimeout);
		this.callDeadline = Deadline.call(settings.callTimeout);
		this.uploadDeadline = Deadline.upload(settings.uploadTimeout);
		this.retrySettings = settings.retrySettings;
		this.retryBudget = new RetryBudget(this.retrySettings.budgetCapacity(),
				this.retrySettings.budgetRefillPerSuccess());
		this.bulkDeleteConcurrency = settings.bulkDeleteConcurrency;
		this.observationRegistry = settings.observationRegistry;
		this.observationConvention = settings.observationConvention;
		this.listener = settings.listener;
		this.clock = clock;
		this.exceptionTranslator = new MoonshotExceptionTranslator(clock,
				new SecretRedactor(String.valueOf(settings.apiKey).strip()), settings.effectiveConnectTimeout());
		this.blocking = new DefaultBlockingMoonshotFilesClient(this, settings.callTimeout, settings.uploadTimeout);
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
		return exchange(request, Operation.UPLOAD, file.filename(),
				(response) -> required(response.bodyToMono(WireTypes.File.class)).map(WireTypes.File::toFileObject),
				null);
	}

	@Override
	public Mono<List<FileObject>> list() {
		return listFiles().doOnNext((files) -> this.listener.usageObserved(FileUsage.of(files)));
	}

	private Mono<List<FileObject>> listFiles() {
		return exchange(this.webClient.get().uri(FILES_PATH).accept(MediaType.APPLICATION_JSON), Operation.LIST, null,
				(response) -> required(response.bodyToMono(WireTypes.FileList.class))
					.map(WireTypes.FileList::toFileObjects), null);
	}

	@Override
	public Mono<FileObject> retrieve(String fileId) {
		FileId.requireValid(fileId);
		return exchange(this.webClient.get().uri(FILE_PATH, fileId).accept(MediaType.APPLICATION_JSON),
				Operation.RETRIEVE, fileId,
				(response) -> required(response.bodyToMono(WireTypes.File.class)).map(WireTypes.File::toFileObject),
				null);
	}

	@Override
	public Mono<String> content(String fileId) {
		FileId.requireValid(fileId);
		return exchange(
				this.webClient.get().uri(CONTENT_PATH, fileId).accept(MediaType.TEXT_PLAIN, MediaType.ALL),
				Operation.CONTENT, fileId,
				(response) -> response.bodyToMono(String.class).defaultIfEmpty(""), null);
	}

	@Override
	public Mono<FileDeleteResponse> delete(String fileId) {
		FileId.requireValid(fileId);
		return exchange(this.webClient.delete().uri(FILE_PATH, fileId).accept(MediaType.APPLICATION_JSON),
				Operation.DELETE, fileId, (response) -> {
					String requestId = requestId(response);
					// every field of a body is required; no body at all (204 No Content) means deleted
					return response.bodyToMono(WireTypes.FileDeleted.class)
						.map((body) -> body.toResponse(requestId))
						.switchIfEmpty(
								Mono.fromSupplier(() -> new FileDeleteResponse(fileId, "file", true, requestId)));
				},
				// an earlier attempt went unanswered and now the file is gone: that attempt deleted it
				(notFound) -> new FileDeleteResponse(fileId, "file", true, notFound.getRequestId()));
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
		return listFiles().map(FileUsage::of).doOnNext(this.listener::usageObserved);
	}

	@Override
	public MoonshotFilesClient.Builder mutate() {
		return this.settings.copy();
	}

	@Override
	public BlockingMoonshotFilesClient blocking() {
		return this.blocking;
	}

	/**
	 * Run a call: send the request, read a 2xx answer with {@code onSuccess}, turn anything else into a
	 * {@link MoonshotException}, and retry as the policy allows. Each attempt of a read or delete has the response
	 * timeout, cut short to what is left of the call timeout (an upload: of the upload timeout); the retry policy
	 * starts no attempt that would begin after it. So one timer per attempt bounds the whole call.
	 * @param subject the file id (the upload's filename), for messages and traces
	 * @param notFoundAfterUnansweredAttempt for deletes: the result when a retry gets 404 after an attempt that
	 * may have been processed without an answer coming back
	 */
	private <T> Mono<T> exchange(WebClient.RequestHeadersSpec<?> request, Operation operation, @Nullable String subject,
			Function<ClientResponse, Mono<T>> onSuccess,
			@Nullable Function<MoonshotNotFoundException, T> notFoundAfterUnansweredAttempt) {
		boolean upload = operation == Operation.UPLOAD;
		Deadline attemptDeadline = upload ? this.uploadDeadline : this.responseDeadline;
		Deadline callDeadline = upload ? this.uploadDeadline : this.callDeadline;
		Mono<T> call = Mono.defer(() -> {
			CallState state = new CallState(now() + callDeadline.timeout().toMillis());
			Mono<T> attempt = Mono.defer(() -> {
				state.attemptStarted();
				long remaining = state.deadlineAtMillis() - now();
				boolean callLimit = remaining < attemptDeadline.timeout().toMillis();
				Deadline limit = callLimit ? callDeadline : attemptDeadline;
				return request
					.exchangeToMono((response) -> response.statusCode().is2xxSuccessful() ? onSuccess.apply(response)
							: this.exceptionTranslator.fromResponse(response, operation.describe(subject))
								.flatMap(Mono::error))
					.timeout(callLimit ? Duration.ofMillis(Math.max(1, remaining)) : attemptDeadline.timeout())
					.onErrorMap((ex) -> failed(state, ex, operation, subject, limit));
			});
			Mono<T> result = (this.retrySettings.enabled() && this.retrySettings.maxAttempts() > 1)
					? attempt.retryWhen(new MoonshotRetry(this.retrySettings, this.retryBudget, !upload, state,
							state.deadlineAtMillis(), Schedulers.parallel(), operation.observedName, this.listener))
					: attempt;
			if (notFoundAfterUnansweredAttempt != null) {
				result = result.onErrorResume(MoonshotNotFoundException.class,
						(notFound) -> state.possiblyProcessed()
								? Mono.just(notFoundAfterUnansweredAttempt.apply(notFound)) : Mono.error(notFound));
			}
			return result.doOnSuccess((value) -> this.retryBudget.onSuccess());
		});
		return observe(call, operation, upload ? null : subject);
	}

	/**
	 * Translate an attempt's failure and note it: what it means for a later 404, and for the retry budget (an
	 * answer that retrying cannot change shows a healthy provider).
	 */
	private Throwable failed(CallState state, Throwable failure, Operation operation, @Nullable String subject,
			Deadline limit) {
		Throwable translated = (failure instanceof MoonshotException) ? failure
				: this.exceptionTranslator.fromFailure(failure, operation.describe(subject), limit);
		if (translated instanceof MoonshotException moonshot) {
			state.attemptFailed(moonshot);
			if (moonshot instanceof MoonshotApiException && !moonshot.isRetryable()) {
				this.retryBudget.onSuccess();
			}
		}
		return translated;
	}

	private static long now() {
		return Schedulers.parallel().now(TimeUnit.MILLISECONDS);
	}

	/**
	 * Wrap a call, retries included, in a {@code moonshot.files.requests} observation, made the parent of the
	 * WebClient's own {@code http.client.requests} observations.
	 */
	private <T> Mono<T> observe(Mono<T> calling, Operation operation, @Nullable String fileId) {
		if (this.observationRegistry.isNoop()) {
			return calling;
		}
		return Mono.deferContextual((reactorContext) -> {
			MoonshotClientObservationContext context = new MoonshotClientObservationContext(operation.observedName,
					fileId);
			Observation observation = Observation
				.createNotStarted(this.observationConvention, DEFAULT_OBSERVATION_CONVENTION, () -> context,
						this.observationRegistry)
				.parentObservation(reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null))
				.start();
			// stopped before the result travels on, so that the caller sees a completed observation
			return calling.doOnSuccess((result) -> {
				context.setOutcome(MoonshotClientObservationContext.Outcome.SUCCESS);
				observation.stop();
			}).doOnError((ex) -> {
				context.setOutcome(outcomeOf(ex));
				observation.error(ex);
				observation.stop();
			}).doOnCancel(() -> {
				context.setOutcome(MoonshotClientObservationContext.Outcome.CANCELLED);
				observation.stop();
			}).contextWrite((reactor) -> reactor.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	private static MoonshotClientObservationContext.Outcome outcomeOf(Throwable failure) {
		if (failure instanceof MoonshotApiException api) {
			return api.getStatusCode().is5xxServerError() ? MoonshotClientObservationContext.Outcome.SERVER_ERROR
					: MoonshotClientObservationContext.Outcome.CLIENT_ERROR;
		}
		return MoonshotClientObservationContext.Outcome.TRANSPORT_ERROR;
	}

	/**
	 * The operations, by the name they are observed under. Only an upload may not simply be repeated.
	 */
	private enum Operation {

		UPLOAD("upload"), LIST("list"), RETRIEVE("retrieve"), CONTENT("content"), DELETE("delete");

		final String observedName;

		Operation(String observedName) {
			this.observedName = observedName;
		}

		/** What was called, for messages; built only when one is needed. */
		String describe(@Nullable String subject) {
			return switch (this) {
				case UPLOAD -> "POST /v1/files (" + subject + ")";
				case LIST -> "GET /v1/files";
				case RETRIEVE -> "GET /v1/files/" + subject;
				case CONTENT -> "GET /v1/files/" + subject + "/content";
				case DELETE -> "DELETE /v1/files/" + subject;
			};
		}

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
				+ this.responseDeadline.timeout() + ", callTimeout=" + this.callDeadline.timeout() + ", uploadTimeout="
				+ this.uploadDeadline.timeout() + ", retry=" + this.retrySettings + "]";
	}

}
