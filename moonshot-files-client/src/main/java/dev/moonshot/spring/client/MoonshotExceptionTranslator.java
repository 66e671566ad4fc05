package dev.moonshot.spring.client;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.netty.channel.ConnectTimeoutException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

import org.springframework.core.codec.CodecException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.UnsupportedMediaTypeException;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * The translation step of an attempt: turns everything that can go wrong into an {@link AttemptFailure}, which fixes
 * the exception (error responses into the {@link MoonshotApiException} branch, reading at most
 * {@link #MAX_BODY_BYTES} of the body; I/O, timeouts and decoding failures into the
 * {@link MoonshotTransportException} branch) and whether the request may have reached the provider.
 * <p>
 * Spring's {@link WebClientRequestException} carries the request's headers, the API key among them; it is never kept
 * in a cause chain: its own cause (the I/O exception) is kept instead. Whatever text of a response an exception keeps
 * (the body, the provider's message, a decoder's complaint) has the client's own key masked first: gateways and
 * debugging proxies echo requests, headers included, in their error pages. A cause whose messages would still reveal
 * the key is not kept at all.
 */
final class MoonshotExceptionTranslator {

	/** Header with the provider's id of the request. */
	static final String REQUEST_ID_HEADER = "Msh-Request-Id";

	/** At most this much of an error body is read; the rest is discarded with the connection. */
	static final int MAX_BODY_BYTES = 16 * 1024;

	private static final int MESSAGE_BODY_CHARS = 200;

	private static final String QUOTA_ERROR_TYPE = "exceeded_current_quota_error";

	private static final String INVALID_PARAMETER_ERROR_TYPE = "invalid_parameter_error";

	private static final String FAILED_PRECONDITION_ERROR_TYPE = "failed_precondition_error";

	/** The rollout fault's message, lower case. */
	private static final String MISSING_VERSION_HEADER = "missing required header kimi-api-version";

	private static final String FILE_COUNT_ADVICE = " Delete files that are no longer needed (an account holds at most "
			+ "1,000), e.g. with MoonshotRetention, MoonshotFilesClient.deleteOlderThan(...) or deleteMatching(...), then upload again.";

	private final Clock clock;

	private final SecretRedactor redactor;

	private final @Nullable Duration connectTimeout;

	private final boolean versionHeaderSent;

	/**
	 * @param clock the clock {@code Retry-After} dates are read against
	 * @param redactor masks the client's key in what is kept of a response
	 * @param connectTimeout the connect timeout the client's connector was given, {@code null} when the connector is
	 * the user's own
	 * @param versionHeaderSent whether the client asks for an API version (then a 400 asking for one is final)
	 */
	MoonshotExceptionTranslator(Clock clock, SecretRedactor redactor, @Nullable Duration connectTimeout,
			boolean versionHeaderSent) {
		this.clock = clock;
		this.redactor = redactor;
		this.connectTimeout = connectTimeout;
		this.versionHeaderSent = versionHeaderSent;
	}

	/**
	 * Read the start of an error response and translate it.
	 * @param response the error response
	 * @param call what was called, e.g. {@code DELETE /v1/files/abc}
	 * @return the failure, never empty
	 */
	Mono<AttemptFailure> fromResponse(ClientResponse response, String call) {
		HttpStatusCode status = response.statusCode();
		HttpHeaders headers = response.headers().asHttpHeaders();
		return DataBufferUtils
			.join(DataBufferUtils.takeUntilByteCount(response.body(BodyExtractors.toDataBuffers()), MAX_BODY_BYTES))
			.map(MoonshotExceptionTranslator::toBytes)
			.defaultIfEmpty(new byte[0])
			.onErrorReturn(new byte[0])
			.map((body) -> fromResponse(status, headers, body, call));
	}

	/**
	 * Translate an error response whose body (start) is known: the one place that picks the exception type for a
	 * status and an error type.
	 * @param status response status
	 * @param headers response headers
	 * @param body the start of the body, at most {@link #MAX_BODY_BYTES}
	 * @param call what was called
	 * @return the failure: answered, with its {@link MoonshotApiException}
	 */
	AttemptFailure fromResponse(HttpStatusCode status, HttpHeaders headers, byte[] body, String call) {
		String text = this.redactor.redact(new String(body, charsetOf(headers)));
		WireTypes.ErrorBody parsed = parseProviderError(text);
		String requestId = headers.getFirst(REQUEST_ID_HEADER);
		if (requestId == null && parsed != null) {
			requestId = parsed.requestId();
		}
		MoonshotApiError error = (parsed != null)
				? new MoonshotApiError(status, parsed.type(), parsed.code(), parsed.message(), parsed.param(),
						requestId, text)
				: new MoonshotApiError(status, null, null, null, null, requestId, text);
		boolean fileCountLimit = status.value() == 400 && isFileCountLimit(error);
		String message = describe(call, error) + (fileCountLimit ? FILE_COUNT_ADVICE : "");
		Function<String, MoonshotException> exception = switch (status.value()) {
			case 400 -> badRequest(error, fileCountLimit);
			case 401 -> (detail) -> new MoonshotAuthenticationException(detail, error);
			case 403 -> (detail) -> new MoonshotPermissionDeniedException(detail, error);
			case 404 -> (detail) -> new MoonshotNotFoundException(detail, error);
			case 409 -> (detail) -> new MoonshotConflictException(detail, error);
			case 429 -> QUOTA_ERROR_TYPE.equals(error.type())
					? (detail) -> new MoonshotQuotaExceededException(detail, error) : rateLimited(error, headers);
			// 499: a gateway saw the connection close under the request; a provider-side failure to the caller
			default -> (status.is5xxServerError() || status.value() == 499)
					? (detail) -> new MoonshotServerException(detail, error)
					: (detail) -> new MoonshotApiException(detail, error);
		};
		return new AttemptFailure(AttemptFailure.Delivery.ANSWERED, message, exception);
	}

	/**
	 * A 400 by what the provider said: the versioned API's two kinds that a caller handles differently, the file
	 * count limit, and the rollout fault that a client without a version header may retry.
	 */
	private Function<String, MoonshotException> badRequest(MoonshotApiError error, boolean fileCountLimit) {
		if (fileCountLimit) {
			return (detail) -> new MoonshotFileCountLimitException(detail, error);
		}
		if (INVALID_PARAMETER_ERROR_TYPE.equals(error.type())) {
			return (detail) -> new MoonshotInvalidParameterException(detail, error);
		}
		if (FAILED_PRECONDITION_ERROR_TYPE.equals(error.type())) {
			return (detail) -> new MoonshotFailedPreconditionException(detail, error);
		}
		if (!this.versionHeaderSent && error.message() != null
				&& error.message().toLowerCase(Locale.ROOT).contains(MISSING_VERSION_HEADER)) {
			return (detail) -> new MoonshotVersionHeaderRequiredException(detail, error);
		}
		return (detail) -> new MoonshotBadRequestException(detail, error);
	}

	private Function<String, MoonshotException> rateLimited(MoonshotApiError error, HttpHeaders headers) {
		Duration retryAfter = retryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER));
		return (detail) -> new MoonshotRateLimitException(detail, error, retryAfter);
	}

	/**
	 * Translate a failure that is not an error response, and say whether the request may have reached the
	 * provider.
	 * @param failure what the reactive pipeline signalled
	 * @param call what was called
	 * @param deadline the time limit the attempt ran under
	 * @return an {@link AttemptFailure}, or the failure itself if it already is one, is a
	 * {@link MoonshotException} or is a JVM error
	 */
	Throwable fromFailure(Throwable failure, String call, Deadline deadline) {
		if (failure instanceof AttemptFailure || failure instanceof MoonshotException || failure instanceof Error) {
			return failure;
		}
		if (failure instanceof TimeoutException) {
			return possiblyProcessed("Moonshot " + call + " got no complete response within the "
					+ deadline.describe(), (detail) -> new MoonshotTimeoutException(detail, deadline.type(),
							deadline.timeout(), null));
		}
		if (failure instanceof WireFormatException wire) {
			return malformed("Moonshot " + call + " returned a response that does not have the documented shape: "
					+ wire.getMessage(), null);
		}
		if (failure instanceof UnreadableContentException content) {
			return malformed("Moonshot " + call + " returned neither text nor a JSON object carrying it ("
					+ content.reason() + "), body: " + bodyStart(this.redactor.redact(content.body())), null);
		}
		if (failure instanceof DataBufferLimitException) {
			return malformed("Moonshot " + call + " returned a response larger than the client reads into memory ("
					+ failure.getMessage() + ")", safeCause(failure));
		}
		// a Content-Type that is no media type, or names a charset nobody has, is found when the body is read
		if (failure instanceof InvalidMediaTypeException || failure instanceof InvalidMimeTypeException
				|| failure instanceof IllegalCharsetNameException
				|| failure instanceof UnsupportedCharsetException) {
			return malformed("Moonshot " + call + " returned a Content-Type that cannot be read ("
					+ safeText(failure.getMessage()) + ")", null);
		}
		if (failure instanceof WebClientRequestException requestFailure) {
			return fromRequestFailure(requestFailure, call);
		}
		if (failure instanceof CodecException || failure instanceof UnsupportedMediaTypeException
				|| failure instanceof JacksonException) {
			return malformed("Moonshot " + call + " returned a response that could not be read: "
					+ decodingProblem(failure), safeCause(failure));
		}
		Throwable cause = safeCause(failure);
		return possiblyProcessed("Moonshot " + call + " failed: " + failure.getClass().getSimpleName()
				+ ((failure.getMessage() != null) ? ": " + safeText(failure.getMessage()) : ""),
				(detail) -> new MoonshotTransportException(detail, cause));
	}

	/**
	 * A failure of the connector, which Spring wraps with the request (headers included): only its I/O cause is
	 * kept. Netty's and the JDK's exception types say whether the request left.
	 */
	private AttemptFailure fromRequestFailure(WebClientRequestException requestFailure, String call) {
		Throwable io = (requestFailure.getCause() != null) ? requestFailure.getCause() : requestFailure;
		Throwable cause = safeCause(io);
		// Netty's ConnectTimeoutException is a ConnectException: asked first
		if (io instanceof ConnectTimeoutException) {
			String limit = (this.connectTimeout != null)
					? "within the connect timeout of " + this.connectTimeout.toMillis() + " ms"
					: "within the connector's connect timeout";
			Duration timeout = this.connectTimeout;
			return new AttemptFailure(AttemptFailure.Delivery.NOT_SENT, "Moonshot " + call + " could not connect "
					+ limit + "; check moonshot.connect-timeout and the network path to the provider",
					(detail) -> new MoonshotTimeoutException(detail, MoonshotTimeoutException.TimeoutType.CONNECT,
							timeout, cause));
		}
		String name = io.getClass().getSimpleName();
		if (io instanceof io.netty.handler.timeout.TimeoutException || io instanceof SocketTimeoutException
				|| io instanceof TimeoutException) {
			return possiblyProcessed("Moonshot " + call + " timed out waiting for the response (" + name + ")",
					(detail) -> new MoonshotTimeoutException(detail, MoonshotTimeoutException.TimeoutType.RESPONSE,
							null, cause));
		}
		String detailText = safeText(name + ((io.getMessage() != null) ? ": " + io.getMessage() : ""));
		if (io instanceof ConnectException || io instanceof UnknownHostException
				|| io instanceof NoRouteToHostException) {
			return new AttemptFailure(AttemptFailure.Delivery.NOT_SENT,
					"Moonshot " + call + " could not connect: " + detailText,
					(detail) -> new MoonshotConnectException(detail, cause));
		}
		return possiblyProcessed("Moonshot " + call + " failed before a response arrived: " + detailText,
				(detail) -> new MoonshotTransportException(detail, cause));
	}

	private static AttemptFailure possiblyProcessed(String message, Function<String, MoonshotException> exception) {
		return new AttemptFailure(AttemptFailure.Delivery.POSSIBLY_PROCESSED, message, exception);
	}

	/** A response arrived, so the request was processed, but its body could not be read. */
	private static AttemptFailure malformed(String message, @Nullable Throwable cause) {
		return possiblyProcessed(message, (detail) -> new MoonshotMalformedResponseException(detail, cause));
	}

	/**
	 * What a decoder could not read, naming the field when the mapper knew it. A decoder's own message may quote
	 * the body (a token, a value), so it is masked, or left out where the key survives the masking.
	 */
	private String decodingProblem(Throwable failure) {
		JacksonException jackson = jacksonCause(failure);
		if (jackson != null && !jackson.getPath().isEmpty()) {
			return "the field '" + pathOf(jackson) + "' is not of the documented type ("
					+ safeText(jackson.getOriginalMessage()) + ")";
		}
		return safeText(failure.getMessage());
	}

	private static @Nullable JacksonException jacksonCause(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException jackson) {
				return jackson;
			}
		}
		return null;
	}

	/** The path as this client writes it: {@code data[3].bytes}. */
	private static String pathOf(JacksonException failure) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : failure.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append((path.length() > 0) ? "." : "").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private String safeText(@Nullable String text) {
		if (text == null) {
			return "(no detail)";
		}
		String masked = this.redactor.redact(text);
		return this.redactor.isExposedBy(masked) ? "(detail withheld: it quoted the API key)" : masked;
	}

	/** The cause to keep: none when a message reachable from it would reveal the key. */
	private @Nullable Throwable safeCause(Throwable cause) {
		return this.redactor.isExposedBy(cause) ? null : cause;
	}

	/**
	 * Parse a {@code Retry-After} value: delay-seconds or an HTTP date.
	 * @param value the header value
	 * @return the wait (zero for a date in the past), or {@code null} if absent or unreadable
	 */
	@Nullable Duration retryAfter(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.strip();
		// delay-seconds are ASCII digits (Character.isDigit would take any script's)
		if (trimmed.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			try {
				return Duration.ofSeconds(Long.parseLong(trimmed));
			}
			catch (NumberFormatException ex) {
				return Duration.ofSeconds(Long.MAX_VALUE);
			}
		}
		try {
			Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration wait = Duration.between(this.clock.instant(), at);
			return wait.isNegative() ? Duration.ZERO : wait;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static boolean isFileCountLimit(MoonshotApiError error) {
		return error.message() != null && error.message().toLowerCase(Locale.ROOT).contains("max file count");
	}

	private static String describe(String call, MoonshotApiError error) {
		HttpStatus known = HttpStatus.resolve(error.statusCode().value());
		StringBuilder message = new StringBuilder("Moonshot ").append(call)
			.append(" failed with HTTP ")
			.append(error.statusCode().value());
		if (known != null) {
			message.append(' ').append(known.getReasonPhrase());
		}
		if (error.message() != null) {
			message.append(": ");
			if (error.type() != null) {
				message.append('[').append(error.type()).append("] ");
			}
			message.append(error.message());
		}
		else if (error.responseBody().isBlank()) {
			message.append(" (empty body)");
		}
		else {
			message.append(", body: ").append(bodyStart(error.responseBody()));
		}
		if (error.requestId() != null) {
			message.append(" (request id ").append(error.requestId()).append(')');
		}
		return message.toString();
	}

	private static String bodyStart(String body) {
		String collapsed = body.strip().replaceAll("\\s+", " ");
		StringBuilder out = new StringBuilder();
		int limit = Math.min(collapsed.length(), MESSAGE_BODY_CHARS);
		for (int i = 0; i < limit; i++) {
			char c = collapsed.charAt(i);
			out.append(Character.isISOControl(c) ? '?' : c);
		}
		if (collapsed.length() > MESSAGE_BODY_CHARS) {
			out.append("...");
		}
		return out.toString();
	}

	private static WireTypes.@Nullable ErrorBody parseProviderError(String text) {
		String trimmed = text.strip();
		if (!trimmed.startsWith("{")) {
			return null;
		}
		try {
			WireTypes.ErrorEnvelope envelope = MoonshotJson.ERROR_MAPPER.readValue(trimmed, WireTypes.ErrorEnvelope.class);
			WireTypes.ErrorBody error = (envelope != null) ? envelope.error() : null;
			return (error != null && (error.message() != null || error.type() != null)) ? error : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static Charset charsetOf(HttpHeaders headers) {
		try {
			MediaType contentType = headers.getContentType();
			return (contentType != null && contentType.getCharset() != null) ? contentType.getCharset()
					: StandardCharsets.UTF_8;
		}
		catch (RuntimeException ex) {
			return StandardCharsets.UTF_8;
		}
	}

	private static byte[] toBytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

}
