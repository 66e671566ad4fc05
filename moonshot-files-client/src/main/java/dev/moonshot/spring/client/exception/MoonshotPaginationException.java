package dev.moonshot.spring.client.exception;

/**
 * A list did not end: the provider repeated a page token, or sent more pages than any account can fill
 * ({@link dev.moonshot.spring.client.MoonshotClientDefaults#MAX_PAGES}). The list fails instead of looping forever; nothing was deleted on its
 * account.
 */
public class MoonshotPaginationException extends MoonshotMalformedResponseException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message the detail message
	 */
	public MoonshotPaginationException(String message) {
		super(message, null, MoonshotFailureKind.ENDLESS_LIST, 1);
	}

}
