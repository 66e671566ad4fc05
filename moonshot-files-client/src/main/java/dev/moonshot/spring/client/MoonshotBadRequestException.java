package dev.moonshot.spring.client;

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

}
