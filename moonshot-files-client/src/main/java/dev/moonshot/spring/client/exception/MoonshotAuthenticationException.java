package dev.moonshot.spring.client.exception;

/**
 * 401 Unauthorized: the API key is missing, wrong, revoked, or belongs to the other Moonshot platform (.ai and .cn keys are independent).
 */
public class MoonshotAuthenticationException extends MoonshotApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message the detail message
	 * @param error what the provider said
	 */
	public MoonshotAuthenticationException(String message, MoonshotApiError error) {
		super(message, error);
	}

	MoonshotAuthenticationException(String message, MoonshotApiError error, int attempts) {
		super(message, error, attempts);
	}

}
