package dev.moonshot.spring.client.exception;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatusCode;

/**
 * The provider answered with an error status. Subclasses give each meaningful status its own type; a status with no
 * subclass of its own (418, 405, ...) is reported as this class.
 * <p>
 * Carries the HTTP status, the provider's error {@code type}, {@code code} and {@code message}, the provider's
 * request id (quote it to Moonshot support) and the start of the raw body.
 */
public class MoonshotApiException extends MoonshotException {

	private static final long serialVersionUID = 1L;

	private final transient MoonshotApiError error;

	/**
	 * Create an exception for an error response.
	 * @param message the detail message
	 * @param error what the provider said
	 */
	public MoonshotApiException(String message, MoonshotApiError error) {
		this(message, error, 1);
	}

	MoonshotApiException(String message, MoonshotApiError error, int attempts) {
		this(message, error, MoonshotFailureKind.of(error, true), attempts);
	}

	/**
	 * Create an exception of a given kind.
	 * @param message the detail message
	 * @param error what the provider said
	 * @param failureKind what kind of failure it is
	 * @param attempts how many attempts the call made
	 */
	protected MoonshotApiException(String message, MoonshotApiError error, MoonshotFailureKind failureKind,
			int attempts) {
		super(message, null, failureKind, attempts);
		this.error = error;
	}

	/**
	 * Everything the provider said about the failure, as one value.
	 * @return the error details
	 */
	public MoonshotApiError getError() {
		return this.error;
	}

	/**
	 * HTTP status of the response.
	 * @return the status code
	 */
	public HttpStatusCode getStatusCode() {
		return this.error.statusCode();
	}

	/**
	 * Provider error type, such as {@code invalid_request_error} or {@code rate_limit_reached_error}.
	 * @return the error type, or {@code null} when the body was not the provider's JSON or had none
	 */
	public @Nullable String getErrorType() {
		return this.error.type();
	}

	/**
	 * Provider error code.
	 * @return the error code, or {@code null} if none was sent
	 */
	public @Nullable String getErrorCode() {
		return this.error.code();
	}

	/**
	 * The provider's own error message ({@code error.message}).
	 * @return the provider message, or {@code null} when the body was not the provider's JSON
	 */
	public @Nullable String getProviderMessage() {
		return this.error.message();
	}

	/**
	 * The request field the provider blamed ({@code error.param}, a dotted path), e.g. {@code purpose}.
	 * @return the field, or {@code null} if the provider named none
	 */
	public @Nullable String getParam() {
		return this.error.param();
	}

	/**
	 * The provider's id of the request ({@code Msh-Request-Id}); Moonshot support asks for it.
	 * @return the request id, or {@code null} if the response carried none
	 */
	public @Nullable String getRequestId() {
		return this.error.requestId();
	}

	/**
	 * Start of the raw response body, at most {@link MoonshotApiError#MAX_BODY_CHARS} characters.
	 * @return the body start, empty when the response had no body
	 */
	public String getResponseBody() {
		return this.error.responseBody();
	}


}
