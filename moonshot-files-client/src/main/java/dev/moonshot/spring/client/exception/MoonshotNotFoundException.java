package dev.moonshot.spring.client.exception;

/**
 * 404 Not Found: no file with that id exists for this account (it may have been deleted already).
 */
public class MoonshotNotFoundException extends MoonshotApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message the detail message
	 * @param error what the provider said
	 */
	public MoonshotNotFoundException(String message, MoonshotApiError error) {
		super(message, error);
	}

	MoonshotNotFoundException(String message, MoonshotApiError error, int attempts) {
		super(message, error, attempts);
	}

}
