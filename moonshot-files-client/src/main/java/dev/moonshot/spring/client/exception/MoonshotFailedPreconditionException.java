package dev.moonshot.spring.client.exception;

/**
 * 400 `failed_precondition_error` (versioned API): the resource's current state forbids the operation. Change
 * the state first; the message says how.
 */
public class MoonshotFailedPreconditionException extends MoonshotBadRequestException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message the detail message
	 * @param error what the provider said
	 */
	public MoonshotFailedPreconditionException(String message, MoonshotApiError error) {
		super(message, error);
	}

	MoonshotFailedPreconditionException(String message, MoonshotApiError error, int attempts) {
		super(message, error, attempts);
	}

}
