package dev.moonshot.spring.client;

import java.net.URI;
import java.util.List;

import dev.moonshot.spring.client.exception.MoonshotException;
import dev.moonshot.spring.client.exception.MoonshotFailure;
import dev.moonshot.spring.client.exception.MoonshotFailureKind;
import dev.moonshot.spring.client.exception.MoonshotNotFoundException;
import dev.moonshot.spring.client.model.FileDeleteResponse;
import dev.moonshot.spring.client.model.FileObject;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The operations of the Files API, each declared once: its request (method, path template, what it accepts), how a
 * 2xx answer is read, which time limits it runs under, when it may be repeated after a retryable failure, and what a
 * failed call means for it. The client's public methods add each call's own values (the file id, an upload's body)
 * and run it through {@link CallPipeline#call}; adding an endpoint is one declaration here and its public method.
 *
 * @param <T> what a successful call returns
 */
final class Operation<T> {

	/** What every request accepts unless its operation says otherwise: a default header of the client's WebClient. */
	static final MediaType DEFAULT_ACCEPT = MediaType.APPLICATION_JSON;

	/** Path of one file; {@code {file_id}} stays a template so that metrics tag the template, never an id. */
	static final String FILE_PATH = "/v1/files/{file_id}";

	/**
	 * {@code POST /v1/files}. Not idempotent unless the provider replays it: with an API version it does, for the
	 * {@code Idempotency-Key} every upload carries, so it is repeated like a read. Without one (no replay is
	 * documented there) only when the request certainly did not reach the provider's processing (no connection,
	 * 429, 503): after a timeout, a reset or a 500 it may have been stored, and a duplicate counts against the
	 * file quota.
	 */
	static final Operation<FileObject> UPLOAD = new Operation<>(HttpMethod.POST, "/v1/files", "upload",
			List.of(MediaType.APPLICATION_JSON), TimeLimit.UPLOAD,
			(failure, replayed) -> replayed || switch (failure.delivery()) {
				case NOT_SENT -> true;
				case POSSIBLY_PROCESSED -> false;
				case ANSWERED -> failure.kind() == MoonshotFailureKind.RATE_LIMITED
						|| failure.kind() == MoonshotFailureKind.OVERLOADED
						|| failure.kind() == MoonshotFailureKind.UNAVAILABLE;
			}, Decoders::fileObject, Operation::failed);

	/**
	 * {@code GET /v1/files}: one page (the whole list without an API version), at {@link #FIRST_PAGE} or
	 * {@link #NEXT_PAGE} with one.
	 */
	static final Operation<Decoders.Page> LIST = new Operation<>(HttpMethod.GET, "/v1/files", "list",
			List.of(MediaType.APPLICATION_JSON), TimeLimit.CALL, Operation::always, Decoders::page, Operation::failed);

	/** {@code GET /v1/files/{file_id}}. */
	static final Operation<FileObject> RETRIEVE = new Operation<>(HttpMethod.GET, FILE_PATH, "retrieve",
			List.of(MediaType.APPLICATION_JSON), TimeLimit.CALL, Operation::always, Decoders::fileObject,
			Operation::failed);

	/** {@code GET /v1/files/{file_id}/content}: the extracted text, as text or in a JSON object. */
	static final Operation<String> CONTENT = new Operation<>(HttpMethod.GET, FILE_PATH + "/content", "content",
			List.of(MediaType.TEXT_PLAIN, MediaType.ALL), TimeLimit.CALL, Operation::always, Decoders::content,
			Operation::failed);

	/**
	 * {@code DELETE /v1/files/{file_id}}. A 404 after an attempt that may have been processed unanswered means that
	 * attempt deleted the file: the call succeeded.
	 */
	static final Operation<FileDeleteResponse> DELETE = new Operation<>(HttpMethod.DELETE, FILE_PATH, "delete",
			List.of(MediaType.APPLICATION_JSON), TimeLimit.CALL, Operation::always, Decoders::deleted,
			(failure, call, fileId) -> (failure instanceof MoonshotNotFoundException notFound
					&& call.possiblyProcessed())
							? Mono.just(new FileDeleteResponse(String.valueOf(fileId), "file", true,
									notFound.getRequestId()))
							: Mono.error(failure));

	/** The versioned API's pages, by URI template: the query names are fixed, so metrics see two templates. */
	static final String FIRST_PAGE = "/v1/files?page_size={page_size}";

	static final String NEXT_PAGE = FIRST_PAGE + "&page_token={page_token}";

	private static final String FILE_ID = "{file_id}";

	final HttpMethod method;

	final String path;

	/** What the operation is observed as. */
	final String observedName;

	/**
	 * The request attribute that tells the WebClient's observation the URI template (Spring's
	 * {@code DefaultWebClient} sets it from {@code uri(String, Object...)}): the {@code uri} tag of
	 * {@code http.client.requests} is the template, never a file id.
	 */
	static final String URI_TEMPLATE_ATTRIBUTE = WebClient.class.getName() + ".uriTemplate";

	/** What the operation accepts, as the request builder takes it; {@code null} when it is {@link #DEFAULT_ACCEPT}. */
	private final MediaType @Nullable [] accept;

	/** The path before and after {@code {file_id}}; all of it before when it has none. */
	private final String pathBeforeId;

	private final String pathAfterId;

	private volatile @Nullable Template lastTemplate;

	final TimeLimit timeLimit;

	private final RepeatRule repeat;

	private final Decoder<T> decoder;

	private final OutcomeRule<T> outcome;

	private Operation(HttpMethod method, String path, String observedName, List<MediaType> accept,
			TimeLimit timeLimit, RepeatRule repeat, Decoder<T> decoder, OutcomeRule<T> outcome) {
		this.method = method;
		this.path = path;
		this.observedName = observedName;
		this.accept = accept.equals(List.of(DEFAULT_ACCEPT)) ? null : accept.toArray(MediaType[]::new);
		int id = path.indexOf(FILE_ID);
		this.pathBeforeId = (id >= 0) ? path.substring(0, id) : path;
		this.pathAfterId = (id >= 0) ? path.substring(id + FILE_ID.length()) : "";
		this.timeLimit = timeLimit;
		this.repeat = repeat;
		this.decoder = decoder;
		this.outcome = outcome;
	}

	/**
	 * The request of this operation at a URI template with query parameters (a list's pages).
	 * @param webClient the WebClient of the attempt, base URL and headers set
	 * @param uriTemplate this operation's path with query parameters added to it
	 * @param uriVariables the template's values
	 * @return the request, not yet sent
	 */
	WebClient.RequestBodySpec requestAt(WebClient webClient, String uriTemplate, Object... uriVariables) {
		return accepting(webClient.method(this.method).uri(uriTemplate, uriVariables));
	}

	/**
	 * The request of this operation at its own path. The URI is put together here, not expanded from the template
	 * by the WebClient's {@code UriBuilderFactory} (a builder, a template parse and an encoding pass per call): the
	 * base URL is normalized, the path is fixed and the file id is its one segment, percent-encoded as the template
	 * would encode it. The template is still given to the WebClient's observation.
	 * @param webClient the WebClient of the attempt
	 * @param baseUrl the client's normalized base URL
	 * @param fileId the file id, valid ({@link FileId}), or {@code null} for a path without one
	 * @return the request, not yet sent
	 */
	WebClient.RequestBodySpec request(WebClient webClient, String baseUrl, @Nullable String fileId) {
		String uri = (fileId != null) ? baseUrl + this.pathBeforeId + FileId.encoded(fileId) + this.pathAfterId
				: baseUrl + this.pathBeforeId;
		return accepting(webClient.method(this.method)
			.uri(URI.create(uri))
			.attribute(URI_TEMPLATE_ATTRIBUTE, uriTemplate(baseUrl)));
	}

	/**
	 * The template as the WebClient records it for its observation, base URL included (its convention keeps the
	 * path); kept for the last base URL asked for, since an application has one client, or a few.
	 */
	private String uriTemplate(String baseUrl) {
		Template last = this.lastTemplate;
		if (last != null && last.baseUrl() == baseUrl) {
			return last.template();
		}
		Template template = new Template(baseUrl, baseUrl + this.path);
		this.lastTemplate = template;
		return template.template();
	}

	private WebClient.RequestBodySpec accepting(WebClient.RequestBodySpec request) {
		return (this.accept != null) ? request.accept(this.accept) : request;
	}

	/**
	 * What was called, for messages, e.g. {@code DELETE /v1/files/abc} or {@code POST /v1/files (a.pdf)}; built only
	 * when one is needed.
	 * @param subject the file id, or the filename of an upload
	 * @return the description
	 */
	String describe(@Nullable String subject) {
		if (this.path.contains(FILE_ID)) {
			return this.method.name() + " " + this.path.replace(FILE_ID, String.valueOf(subject));
		}
		return this.method.name() + " " + this.path + ((subject != null) ? " (" + subject + ")" : "");
	}

	boolean mayRepeat(MoonshotFailure failure, boolean providerReplaysUploads) {
		return this.repeat.mayRepeat(failure, providerReplaysUploads);
	}

	Mono<T> decode(ClientResponse response, @Nullable String subject) {
		return this.decoder.decode(response, subject);
	}

	Mono<T> outcome(MoonshotException failure, CallState call, @Nullable String subject) {
		return this.outcome.of(failure, call, subject);
	}

	private static boolean always(MoonshotFailure failure, boolean providerReplaysUploads) {
		return true;
	}

	private static <T> Mono<T> failed(MoonshotException failure, CallState call, @Nullable String subject) {
		return Mono.error(failure);
	}

	/**
	 * A URI template with the base URL it was made for.
	 */
	private record Template(String baseUrl, String template) {

	}

	/**
	 * The request of one call, built for each attempt on the WebClient that carries the attempt's key.
	 */
	@FunctionalInterface
	interface Request {

		WebClient.RequestHeadersSpec<?> on(WebClient webClient);

	}

	/**
	 * Which limits an operation runs under.
	 */
	enum TimeLimit {

		/** Each attempt within the response timeout, the whole call within the call timeout. */
		CALL,

		/** The upload timeout, for each attempt and for the whole call alike. */
		UPLOAD

	}

	/**
	 * Whether an operation may be repeated after a retryable failure.
	 */
	@FunctionalInterface
	interface RepeatRule {

		boolean mayRepeat(MoonshotFailure failure, boolean providerReplaysUploads);

	}

	/**
	 * How a 2xx answer is read.
	 */
	@FunctionalInterface
	interface Decoder<T> {

		Mono<T> decode(ClientResponse response, @Nullable String subject);

	}

	/**
	 * What a call that failed for good means for the operation: the failure, or a value it implies.
	 */
	@FunctionalInterface
	interface OutcomeRule<T> {

		Mono<T> of(MoonshotException failure, CallState call, @Nullable String subject);

	}

}
