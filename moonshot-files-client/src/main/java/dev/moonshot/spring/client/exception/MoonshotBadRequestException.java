package dev.moonshot.spring.client.exception;

/**
 * 400 Bad Request: the request was invalid (parameters, file size or count, content filter). Fix the request; retrying cannot help.
 */
public class MoonshotBadRequestException extends MoonshotApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message the detail message
	 * @param error what the provider said
	 */
	public MoonshotBadRequestException(String message, MoonshotApiError error) {
		super(message, error);
	}

	MoonshotBadRequestException(String message, MoonshotApiError error, int attempts) {
		super(message, error, attempts);
	}

	/**
	 * Create an exception of a given kind.
	 * @param message the detail message
	 * @param error what the provider said
	 * @param failureKind what kind of failure it is
	 * @param attempts how many attempts the call made
	 */
	protected MoonshotBadRequestException(String message, MoonshotApiError error, MoonshotFailureKind failureKind,
			int attempts) {
		super(message, error, failureKind, attempts);
	}

}
