package dev.moonshot.spring.client.exception;

/**
 * 400 "missing required header Kimi-Api-Version" to a client that sends no version header, on endpoints
 * where the header is optional: seen in the field during the header's rollout, about one request in six, between runs
 * of successes. Transient: retried under the normal retry rules and budget. Every other 400 stays final.
 */
public class MoonshotVersionHeaderRequiredException extends MoonshotBadRequestException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message the detail message
	 * @param error what the provider said
	 */
	public MoonshotVersionHeaderRequiredException(String message, MoonshotApiError error) {
		this(message, error, 1);
	}

	MoonshotVersionHeaderRequiredException(String message, MoonshotApiError error, int attempts) {
		super(message, error, MoonshotFailureKind.VERSION_HEADER_REQUIRED, attempts);
	}

}
