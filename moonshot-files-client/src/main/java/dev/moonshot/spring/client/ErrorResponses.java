package dev.moonshot.spring.client;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import dev.moonshot.spring.client.exception.MoonshotApiError;
import dev.moonshot.spring.client.exception.MoonshotFailure;
import dev.moonshot.spring.client.exception.MoonshotFailureKind;
import dev.moonshot.spring.client.model.FileUsage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;

/**
 * Error responses into failures: reads at most {@link #MAX_BODY_BYTES} of the body, masks the client's key in it
 * (gateways and debugging proxies echo requests, headers included, in their error pages), reads the provider's error
 * from it when it is the provider's JSON, and classifies the answer once ({@link MoonshotFailureKind#of}).
 */
final class ErrorResponses {

	/** At most this much of an error body is read; the rest is discarded with the connection. */
	static final int MAX_BODY_BYTES = 16 * 1024;

	private static final int MESSAGE_BODY_CHARS = 200;

	private static final String FILE_COUNT_ADVICE = String.format(Locale.ROOT, " Delete files that are no longer needed (an account "
			+ "holds at most %,d), e.g. with MoonshotRetention, MoonshotFilesClient.deleteOlderThan(...) or "
			+ "deleteMatching(...), then upload again.", FileUsage.MAX_FILES);

	private final Clock clock;

	private final SecretRedactor redactor;

	private final boolean versionHeaderSent;

	ErrorResponses(Clock clock, SecretRedactor redactor, boolean versionHeaderSent) {
		this.clock = clock;
		this.redactor = redactor;
		this.versionHeaderSent = versionHeaderSent;
	}

	/**
	 * Read the start of an error response and translate it.
	 * @param response the error response
	 * @param call what was called, e.g. {@code DELETE /v1/files/abc}
	 * @return the failure, never empty
	 */
	Mono<AttemptFailure> read(ClientResponse response, String call) {
		HttpStatusCode status = response.statusCode();
		HttpHeaders headers = response.headers().asHttpHeaders();
		return DataBufferUtils
			.join(DataBufferUtils.takeUntilByteCount(response.body(BodyExtractors.toDataBuffers()), MAX_BODY_BYTES))
			.map(Decoders::drain)
			.defaultIfEmpty(new byte[0])
			.onErrorReturn(new byte[0])
			.map((body) -> translate(status, headers, body, call));
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
	AttemptFailure translate(HttpStatusCode status, HttpHeaders headers, byte[] body, String call) {
		String text = this.redactor.redact(new String(body, charsetOf(headers)));
		WireTypes.ErrorBody parsed = parseProviderError(text);
		String requestId = ProviderHeaders.requestId(headers);
		if (requestId == null && parsed != null) {
			requestId = parsed.requestId();
		}
		MoonshotApiError error = (parsed != null)
				? new MoonshotApiError(status, parsed.type(), parsed.code(), parsed.message(), parsed.param(),
						requestId, text)
				: new MoonshotApiError(status, null, null, null, null, requestId, text);
		MoonshotFailureKind kind = MoonshotFailureKind.of(error, this.versionHeaderSent);
		String message = describe(call, error) + ((kind == MoonshotFailureKind.FILE_COUNT_LIMIT) ? FILE_COUNT_ADVICE : "");
		Duration retryAfter = (kind == MoonshotFailureKind.RATE_LIMITED || kind == MoonshotFailureKind.OVERLOADED)
				? ProviderHeaders.retryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER), this.clock) : null;
		return new AttemptFailure(MoonshotFailure.answered(kind, message, error, retryAfter));
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

	static String bodyStart(String body) {
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

}
