package dev.moonshot.spring.client.exception;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * What kind of failure ended an attempt: one closed list covering every error type of both of the provider's
 * protocols (compatible and versioned) and every way a request can fail on its way there and back. A failure is
 * classified once, when its attempt fails; whether it is retried, the exception's class, the metric tags
 * ({@code error.type}, a retry's {@code reason}) and the health reason all read that one value.
 * <p>
 * Each constant of an error answer names the status it comes with and the provider's {@code error.type} values that
 * mean it: a new provider error type is one more name in the constant it belongs to, or one more constant.
 */
public enum MoonshotFailureKind {

	/** 400: the request is malformed ({@code invalid_request_error}, or a 400 of no known type). */
	BAD_REQUEST(400, null, "the provider refused the request as malformed", "invalid_request_error"),

	/** 400: a field failed validation; {@link MoonshotApiException#getParam()} names it. */
	INVALID_PARAMETER(400, null, "the provider refused a field of the request", "invalid_parameter_error"),

	/** 400: the resource's current state forbids the operation. */
	FAILED_PRECONDITION(400, null, "the file's state forbids the operation", "failed_precondition_error"),

	/** 400: content moderation refused the request. */
	CONTENT_FILTERED(400, null, "the provider's content filter refused the request", "content_filter"),

	/** 400: the account holds the most files it may; delete some first. */
	FILE_COUNT_LIMIT(400, null, "the account holds the most files it may"),

	/**
	 * 400 "missing required header Kimi-Api-Version" to a client that sends none, on endpoints where the header is
	 * optional: seen in the field during the header's rollout, and transient.
	 */
	VERSION_HEADER_REQUIRED(400, "version_header_required", "the provider asked for an API version header it does "
			+ "not require (the rollout fault)"),

	/** 401: the key is missing or rejected (or belongs to the other platform). */
	AUTHENTICATION(401, null, "the API key was rejected: check moonshot.api-key (keys of api.moonshot.ai and "
			+ "api.moonshot.cn are independent)", "invalid_authentication_error", "incorrect_api_key_error",
			"authentication_error"),

	/** 403: the key may not do this. */
	PERMISSION_DENIED(403, null, "the API key was rejected: check moonshot.api-key (keys of api.moonshot.ai and "
			+ "api.moonshot.cn are independent)", "permission_denied_error"),

	/** 404: no such file, or not visible to the key. */
	NOT_FOUND(404, null, "the provider found no such file", "resource_not_found_error"),

	/** 408: the provider gave up waiting for the request. */
	REQUEST_TIMEOUT(408, "request_timeout", "the provider timed out reading the request"),

	/** 409: a conflicting change, or an {@code Idempotency-Key} reused with another body. */
	CONFLICT(409, null, "the request conflicts with the file's state", "conflict_error"),

	/** 429: the organization's rate limit was reached ({@code rate_limit_reached_error}, or a 429 of no known type). */
	RATE_LIMITED(429, "rate_limited", "rate limited", "rate_limit_reached_error"),

	/** 429: the provider is overloaded. */
	OVERLOADED(429, "overloaded", "the provider is overloaded", "engine_overloaded_error"),

	/** 429: the account is suspended or out of credit; retrying cannot help. */
	QUOTA_EXCEEDED(429, null, "the account is suspended or out of credit", "exceeded_current_quota_error"),

	/** 499: a gateway saw the connection close under the request. */
	CLIENT_CLOSED_REQUEST(499, "server_error", "the provider is failing", "client_closed_request"),

	/** 500, 502, 504: the provider or a gateway in front of it failed. */
	SERVER_ERROR(500, "server_error", "the provider is failing", "server_error", "unexpected_output"),

	/** 503: the provider is unavailable, and did not process the request. */
	UNAVAILABLE(503, "unavailable", "the provider is failing", "server_unavailable"),

	/** Any other error status (405, 418, 501, ...): nothing known makes a retry worthwhile. */
	UNEXPECTED_STATUS(0, null, "unexpected answer"),

	/** The connection could not be opened: the request never left. */
	CONNECT_FAILED(0, "connection", "the provider could not be reached"),

	/** The connection was not opened within the connect timeout: the request never left. */
	CONNECT_TIMEOUT(0, "timeout", "could not connect to the provider in time (moonshot.connect-timeout)"),

	/** No complete answer within the attempt's time limit; the request may have been processed. */
	RESPONSE_TIMEOUT(0, "timeout", "no answer in time"),

	/** The call's own deadline passed: never retried, as there is no time left. */
	CALL_TIMEOUT(0, null, "no answer in time"),

	/** The connection was reset or closed before a complete answer; the request may have been processed. */
	CONNECTION_LOST(0, "connection", "the provider could not be reached"),

	/** An answer arrived that does not have the documented shape. */
	MALFORMED_RESPONSE(0, "malformed_response", "the provider's answer could not be read"),

	/** A list whose pages never end (a repeated page token): the same walk would loop the same way. */
	ENDLESS_LIST(0, null, "the provider's answer could not be read");

	/** The metric tag of an error type that no constant names. */
	public static final String OTHER_ERROR_TYPE = "other";

	private static final Set<String> KNOWN_ERROR_TYPES = Stream.of(values())
		.flatMap((kind) -> kind.errorTypes.stream())
		.collect(Collectors.toUnmodifiableSet());

	/** The rollout fault's message, lower case. */
	private static final String MISSING_VERSION_HEADER = "missing required header kimi-api-version";

	private final int status;

	private final @Nullable String retryReason;

	private final String summary;

	private final List<String> errorTypes;

	MoonshotFailureKind(int status, @Nullable String retryReason, String summary, String... errorTypes) {
		this.status = status;
		this.retryReason = retryReason;
		this.summary = summary;
		this.errorTypes = List.of(errorTypes);
	}

	/**
	 * Whether repeating the request could succeed. Whether it is also safe to repeat is the operation's to say.
	 * @return {@code true} for transient failures
	 */
	public boolean isRetryable() {
		return this.retryReason != null;
	}

	/**
	 * Why a failure of this kind is retried, from a bounded set (the {@code reason} tag of
	 * {@code moonshot.files.retries}): {@code rate_limited}, {@code overloaded}, {@code request_timeout},
	 * {@code version_header_required}, {@code server_error}, {@code unavailable}, {@code timeout},
	 * {@code connection}, {@code malformed_response}.
	 * @return the reason, or {@code null} if it is never retried
	 */
	public @Nullable String getRetryReason() {
		return this.retryReason;
	}

	/**
	 * What this kind of failure says about the provider, for a person (the health contributor's reason).
	 * @return e.g. {@code the provider is failing}
	 */
	public String getSummary() {
		return this.summary;
	}

	/**
	 * Whether the provider answered: the kinds of an error status, as opposed to no (usable) answer.
	 * @return whether this is the kind of an error answer
	 */
	public boolean isAnswer() {
		return ordinal() <= UNEXPECTED_STATUS.ordinal();
	}

	/**
	 * The provider's error type as a metric tag: itself when a constant names it, else {@value #OTHER_ERROR_TYPE}.
	 * @param errorType the provider's {@code error.type}
	 * @return a value from a bounded set
	 */
	public static String errorTypeTag(String errorType) {
		return KNOWN_ERROR_TYPES.contains(errorType) ? errorType : OTHER_ERROR_TYPE;
	}

	/**
	 * Classify an error answer: by its status, then by the provider's error type among that status's kinds, then
	 * by what the provider's message says where only it tells (the file count limit, the rollout fault).
	 * @param error what the provider said
	 * @param versionHeaderSent whether the request carried {@code kimi-api-version} (then a 400 asking for one is
	 * what it says)
	 * @return the kind
	 */
	public static MoonshotFailureKind of(MoonshotApiError error, boolean versionHeaderSent) {
		int status = error.statusCode().value();
		String type = error.type();
		String message = (error.message() != null) ? error.message().toLowerCase(Locale.ROOT) : "";
		if (status == 400 && message.contains("max file count")) {
			return FILE_COUNT_LIMIT;
		}
		MoonshotFailureKind kind = of(status, type);
		if (kind == BAD_REQUEST && !versionHeaderSent && message.contains(MISSING_VERSION_HEADER)) {
			return VERSION_HEADER_REQUIRED;
		}
		return kind;
	}

	/** The kind of the status that names the error type, else the status's first kind. */
	private static MoonshotFailureKind of(int status, @Nullable String type) {
		MoonshotFailureKind byStatus = null;
		for (MoonshotFailureKind kind : values()) {
			if (kind.status == status) {
				if (type != null && kind.errorTypes.contains(type)) {
					return kind;
				}
				byStatus = (byStatus != null) ? byStatus : kind;
			}
		}
		if (byStatus != null) {
			return byStatus;
		}
		return (status == 502 || status == 504) ? SERVER_ERROR : UNEXPECTED_STATUS;
	}

}
