package dev.moonshot.spring.client.exception;

/**
 * 429 with {@code exceeded_current_quota_error}: the account is suspended or out of credit. This is a billing
 * problem, not a rate limit: retrying cannot help until the account is topped up.
 */
public class MoonshotQuotaExceededException extends MoonshotApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message the detail message
	 * @param error what the provider said
	 */
	public MoonshotQuotaExceededException(String message, MoonshotApiError error) {
		super(message, error);
	}

	MoonshotQuotaExceededException(String message, MoonshotApiError error, int attempts) {
		super(message, error, attempts);
	}

}
