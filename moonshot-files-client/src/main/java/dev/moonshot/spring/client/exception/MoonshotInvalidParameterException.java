package dev.moonshot.spring.client.exception;

/**
 * 400 `invalid_parameter_error` (versioned API): one field failed validation; {@link #getParam()} names it (a
 * dotted path). Fix that field.
 */
public class MoonshotInvalidParameterException extends MoonshotBadRequestException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message the detail message
	 * @param error what the provider said
	 */
	public MoonshotInvalidParameterException(String message, MoonshotApiError error) {
		super(message, error);
	}

	MoonshotInvalidParameterException(String message, MoonshotApiError error, int attempts) {
		super(message, error, attempts);
	}

}
