package dev.moonshot.spring.client.exception;

/**
 * 403 Forbidden: the API key may not use this operation.
 */
public class MoonshotPermissionDeniedException extends MoonshotApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message the detail message
	 * @param error what the provider said
	 */
	public MoonshotPermissionDeniedException(String message, MoonshotApiError error) {
		super(message, error);
	}

	MoonshotPermissionDeniedException(String message, MoonshotApiError error, int attempts) {
		super(message, error, attempts);
	}

}
