package dev.moonshot.spring.client.exception;

import dev.moonshot.spring.client.model.FileScope;

/**
 * 400 on upload because the account already stores the most files it may (1,000): nothing can be uploaded until
 * files are deleted. Delete the files that are no longer needed, e.g. with
 * {@link dev.moonshot.spring.client.MoonshotFilesClient#deleteOlderThan(FileScope, java.time.Duration)} or
 * {@link dev.moonshot.spring.client.MoonshotFilesClient#deleteMatching(java.util.function.Predicate)}, then upload again.
 */
public class MoonshotFileCountLimitException extends MoonshotBadRequestException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message the detail message
	 * @param error what the provider said
	 */
	public MoonshotFileCountLimitException(String message, MoonshotApiError error) {
		super(message, error);
	}

	MoonshotFileCountLimitException(String message, MoonshotApiError error, int attempts) {
		super(message, error, attempts);
	}

}
