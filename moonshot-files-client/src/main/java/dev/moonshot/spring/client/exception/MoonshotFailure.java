package dev.moonshot.spring.client.exception;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * How one attempt of a call failed, described once, when the client classifies the failure, and never changed: its
 * {@link MoonshotFailureKind kind}, whether the request may have reached the provider, what the provider said (its
 * error, a {@code Retry-After}) or what failed on the way (a time limit, the I/O cause). The client's retry decision
 * reads it; when the call ends, {@link #toException} builds the one exception the caller sees.
 *
 * @param kind what kind of failure it is
 * @param delivery whether the request reached the provider
 * @param message what happened, for the exception's message
 * @param error what the provider said, for an error answer
 * @param retryAfter how long the provider asked to wait, when it said
 * @param timeout the time limit that ran out, for a timeout whose limit is known
 * @param cause the underlying I/O or decoding failure, if any (never one that would reveal the API key)
 */
public record MoonshotFailure(MoonshotFailureKind kind, Delivery delivery, String message,
		@Nullable MoonshotApiError error, @Nullable Duration retryAfter, @Nullable Duration timeout,
		@Nullable Throwable cause) {

	/**
	 * An error answer.
	 * @param kind its kind, see {@link MoonshotFailureKind#of}
	 * @param message what happened
	 * @param error what the provider said
	 * @param retryAfter how long the provider asked to wait, or {@code null}
	 * @return the failure
	 */
	public static MoonshotFailure answered(MoonshotFailureKind kind, String message, MoonshotApiError error,
			@Nullable Duration retryAfter) {
		Assert.isTrue(kind.isAnswer(), () -> kind + " is no kind of error answer");
		return new MoonshotFailure(kind, Delivery.ANSWERED, message, error, retryAfter, null, null);
	}

	/**
	 * A failure without a usable answer.
	 * @param kind its kind
	 * @param delivery whether the request left, or may have been processed
	 * @param message what happened
	 * @param timeout the time limit that ran out, or {@code null}
	 * @param cause the underlying failure, or {@code null}
	 * @return the failure
	 */
	public static MoonshotFailure unanswered(MoonshotFailureKind kind, Delivery delivery, String message,
			@Nullable Duration timeout, @Nullable Throwable cause) {
		return new MoonshotFailure(kind, delivery, message, null, null, timeout, cause);
	}

	/**
	 * The exception of a call that ends with this failure: of the class its kind calls for, with the attempts made
	 * and the earlier attempts' failures as suppressed exceptions. Built once, complete before anyone sees it.
	 * @param note what the retries did, e.g. {@code gave up after 3 attempts}, or {@code null}
	 * @param earlier the failures of the call's earlier attempts, oldest first
	 * @return the exception
	 */
	public MoonshotException toException(@Nullable String note, List<MoonshotFailure> earlier) {
		MoonshotException exception = create((note != null) ? this.message + " [" + note + "]" : this.message,
				earlier.size() + 1);
		for (MoonshotFailure failure : earlier) {
			exception.addSuppressed(failure.create(failure.message, 1));
		}
		return exception;
	}

	/** The one place that picks the exception class for a kind. */
	private MoonshotException create(String text, int attempts) {
		return switch (this.kind) {
			case BAD_REQUEST, CONTENT_FILTERED -> new MoonshotBadRequestException(text, answer(), attempts);
			case INVALID_PARAMETER -> new MoonshotInvalidParameterException(text, answer(), attempts);
			case FAILED_PRECONDITION -> new MoonshotFailedPreconditionException(text, answer(), attempts);
			case FILE_COUNT_LIMIT -> new MoonshotFileCountLimitException(text, answer(), attempts);
			case VERSION_HEADER_REQUIRED -> new MoonshotVersionHeaderRequiredException(text, answer(), attempts);
			case AUTHENTICATION -> new MoonshotAuthenticationException(text, answer(), attempts);
			case PERMISSION_DENIED -> new MoonshotPermissionDeniedException(text, answer(), attempts);
			case NOT_FOUND -> new MoonshotNotFoundException(text, answer(), attempts);
			case CONFLICT -> new MoonshotConflictException(text, answer(), attempts);
			case RATE_LIMITED, OVERLOADED -> new MoonshotRateLimitException(text, answer(), this.retryAfter, attempts);
			case QUOTA_EXCEEDED -> new MoonshotQuotaExceededException(text, answer(), attempts);
			case CLIENT_CLOSED_REQUEST, SERVER_ERROR, UNAVAILABLE -> new MoonshotServerException(text, answer(), attempts);
			case REQUEST_TIMEOUT -> new MoonshotApiException(text, answer(), attempts);
			case UNEXPECTED_STATUS -> answer().statusCode().is5xxServerError()
					? new MoonshotServerException(text, answer(), attempts) : new MoonshotApiException(text, answer(), attempts);
			case CONNECT_FAILED -> new MoonshotConnectException(text, this.cause, attempts);
			case CONNECT_TIMEOUT, RESPONSE_TIMEOUT, CALL_TIMEOUT -> new MoonshotTimeoutException(text,
					MoonshotTimeoutException.TimeoutType.of(this.kind), this.timeout, this.cause, attempts);
			case CONNECTION_LOST -> new MoonshotTransportException(text, this.cause, this.kind, attempts);
			case MALFORMED_RESPONSE -> new MoonshotMalformedResponseException(text, this.cause, attempts);
			case ENDLESS_LIST -> new MoonshotPaginationException(text);
		};
	}

	private MoonshotApiError answer() {
		if (this.error == null) {
			throw new IllegalStateException("A " + this.kind + " failure has no answer");
		}
		return this.error;
	}

	/**
	 * Whether a failed attempt's request reached the provider, which decides what a retry may do.
	 */
	public enum Delivery {

		/** The request never left: the connection was refused or could not be opened in time. */
		NOT_SENT,

		/**
		 * The request may have been processed without a usable answer: a response timeout, a connection closed
		 * under it, a success body that could not be read.
		 */
		POSSIBLY_PROCESSED,

		/** The provider answered with an error status: it was processed and refused. */
		ANSWERED

	}

}
