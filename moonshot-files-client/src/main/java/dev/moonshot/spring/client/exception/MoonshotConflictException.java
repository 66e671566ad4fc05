package dev.moonshot.spring.client.exception;

/**
 * 409 Conflict (`conflict_error`): a unique key is taken, the resource changed concurrently, or an
 * `Idempotency-Key` was reused with another body (or while its first request still runs). Rename, or reload and
 * decide again; the client never retries it.
 */
public class MoonshotConflictException extends MoonshotApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message the detail message
	 * @param error what the provider said
	 */
	public MoonshotConflictException(String message, MoonshotApiError error) {
		super(message, error);
	}

	MoonshotConflictException(String message, MoonshotApiError error, int attempts) {
		super(message, error, attempts);
	}

}
