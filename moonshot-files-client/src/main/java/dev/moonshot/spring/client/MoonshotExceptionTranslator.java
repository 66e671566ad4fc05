package dev.moonshot.spring.client;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import dev.moonshot.spring.client.exception.MoonshotException;
import dev.moonshot.spring.client.exception.MoonshotFailure;
import dev.moonshot.spring.client.exception.MoonshotFailureKind;
import io.netty.channel.ConnectTimeoutException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

import org.springframework.core.codec.CodecException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.web.reactive.function.UnsupportedMediaTypeException;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * The translation step of an attempt: turns everything that can go wrong into an {@link AttemptFailure}, which fixes
 * its kind and whether the request may have reached the provider: error responses through {@link ErrorResponses},
 * I/O, timeouts and decoding failures here.
 * <p>
 * Spring's {@link WebClientRequestException} carries the request's headers, the API key among them; it is never kept
 * in a cause chain: its own cause (the I/O exception) is kept instead. Whatever text of a response an exception keeps
 * (the body, the provider's message, a decoder's complaint) has the client's own key masked first: gateways and
 * debugging proxies echo requests, headers included, in their error pages. A cause whose messages would still reveal
 * the key is not kept at all.
 */
final class MoonshotExceptionTranslator {


	private final ErrorResponses errorResponses;

	private final SecretRedactor redactor;

	private final @Nullable Duration connectTimeout;

	/**
	 * @param clock the clock {@code Retry-After} dates are read against
	 * @param redactor masks the client's key in what is kept of a response
	 * @param connectTimeout the connect timeout the client's connector was given, {@code null} when the connector is
	 * the user's own
	 * @param versionHeaderSent whether the client asks for an API version (then a 400 asking for one is final)
	 */
	MoonshotExceptionTranslator(Clock clock, SecretRedactor redactor, @Nullable Duration connectTimeout,
			boolean versionHeaderSent) {
		this.errorResponses = new ErrorResponses(clock, redactor, versionHeaderSent);
		this.redactor = redactor;
		this.connectTimeout = connectTimeout;
	}

	/**
	 * Read the start of an error response and translate it.
	 * @param response the error response
	 * @param call what was called, e.g. {@code DELETE /v1/files/abc}
	 * @return the failure, never empty
	 */
	Mono<AttemptFailure> fromResponse(ClientResponse response, String call) {
		return this.errorResponses.read(response, call);
	}

	/**
	 * Translate an error response whose body (start) is known.
	 * @param status response status
	 * @param headers response headers
	 * @param body the start of the body
	 * @param call what was called
	 * @return the failure: answered
	 */
	AttemptFailure fromResponse(HttpStatusCode status, HttpHeaders headers, byte[] body, String call) {
		return this.errorResponses.translate(status, headers, body, call);
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
			return possiblyProcessed(deadline.kind(), "Moonshot " + call
					+ " got no complete response within the " + deadline.describe(), deadline.timeout(), null);
		}
		if (failure instanceof WireFormatException wire) {
			return malformed("Moonshot " + call + " returned a response that does not have the documented shape: "
					+ wire.getMessage(), null);
		}
		if (failure instanceof UnreadableContentException content) {
			return malformed("Moonshot " + call + " returned neither text nor a JSON object carrying it ("
					+ content.reason() + "), body: " + ErrorResponses.bodyStart(this.redactor.redact(content.body())), null);
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
		return possiblyProcessed(MoonshotFailureKind.CONNECTION_LOST, "Moonshot " + call + " failed: "
				+ failure.getClass().getSimpleName()
				+ ((failure.getMessage() != null) ? ": " + safeText(failure.getMessage()) : ""), null,
				safeCause(failure));
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
			return new AttemptFailure(MoonshotFailure.unanswered(MoonshotFailureKind.CONNECT_TIMEOUT,
					MoonshotFailure.Delivery.NOT_SENT, "Moonshot " + call + " could not connect " + limit
							+ "; check moonshot.connect-timeout and the network path to the provider",
					this.connectTimeout, cause));
		}
		String name = io.getClass().getSimpleName();
		if (io instanceof io.netty.handler.timeout.TimeoutException || io instanceof SocketTimeoutException
				|| io instanceof TimeoutException) {
			return possiblyProcessed(MoonshotFailureKind.RESPONSE_TIMEOUT,
					"Moonshot " + call + " timed out waiting for the response (" + name + ")", null, cause);
		}
		String detailText = safeText(name + ((io.getMessage() != null) ? ": " + io.getMessage() : ""));
		if (io instanceof ConnectException || io instanceof UnknownHostException
				|| io instanceof NoRouteToHostException) {
			return new AttemptFailure(MoonshotFailure.unanswered(MoonshotFailureKind.CONNECT_FAILED,
					MoonshotFailure.Delivery.NOT_SENT, "Moonshot " + call + " could not connect: " + detailText, null,
					cause));
		}
		return possiblyProcessed(MoonshotFailureKind.CONNECTION_LOST,
				"Moonshot " + call + " failed before a response arrived: " + detailText, null, cause);
	}

	private static AttemptFailure possiblyProcessed(MoonshotFailureKind kind, String message,
			@Nullable Duration timeout, @Nullable Throwable cause) {
		return new AttemptFailure(MoonshotFailure.unanswered(kind, MoonshotFailure.Delivery.POSSIBLY_PROCESSED,
				message, timeout, cause));
	}

	/** A response arrived, so the request was processed, but its body could not be read. */
	private static AttemptFailure malformed(String message, @Nullable Throwable cause) {
		return possiblyProcessed(MoonshotFailureKind.MALFORMED_RESPONSE, message, null, cause);
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

}
