package dev.moonshot.spring.client.exception;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatusCode;

/**
 * What the provider said about a failed call: the HTTP status, the fields of its {@code ErrorResponse} body when the
 * body was the provider's JSON, the request id, and the start of the raw body.
 *
 * @param statusCode HTTP status of the response
 * @param type provider error type ({@code error.type}, e.g. {@code resource_not_found_error}), if sent
 * @param code provider error code ({@code error.code}), if sent
 * @param message provider error message ({@code error.message}), if sent
 * @param param name of the offending parameter ({@code error.param}), if sent
 * @param requestId provider request id, from the {@code Msh-Request-Id} header or {@code error.request_id}
 * @param responseBody start of the raw response body, at most {@link #MAX_BODY_CHARS} characters; empty if none
 */
public record MoonshotApiError(HttpStatusCode statusCode, @Nullable String type, @Nullable String code,
		@Nullable String message, @Nullable String param, @Nullable String requestId, String responseBody) {

	/**
	 * Upper bound of the raw body kept in {@link #responseBody()}.
	 */
	public static final int MAX_BODY_CHARS = 4096;

	/**
	 * Create an error, capping the raw body to {@link #MAX_BODY_CHARS} characters.
	 * @param statusCode HTTP status of the response
	 * @param type provider error type ({@code error.type}, e.g. {@code resource_not_found_error}), if sent
	 * @param code provider error code ({@code error.code}), if sent
	 * @param message provider error message ({@code error.message}), if sent
	 * @param param name of the offending parameter ({@code error.param}), if sent
	 * @param requestId provider request id, from the {@code Msh-Request-Id} header or {@code error.request_id}
	 * @param responseBody start of the raw response body, at most {@link #MAX_BODY_CHARS} characters; empty if none
	 */
	public MoonshotApiError {
		if (responseBody.length() > MAX_BODY_CHARS) {
			responseBody = responseBody.substring(0, MAX_BODY_CHARS);
		}
	}

	/**
	 * Error with only a status, for tests and for bodies that carried nothing usable.
	 * @param statusCode HTTP status of the response
	 * @return an error with no provider fields
	 */
	public static MoonshotApiError ofStatus(HttpStatusCode statusCode) {
		return new MoonshotApiError(statusCode, null, null, null, null, null, "");
	}

}
