package dev.moonshot.spring.client;

/**
 * Callbacks on what a client does besides returning results: the hook that metrics are built on. Every method has
 * an empty default; implementations must be fast and must not throw.
 */
public interface MoonshotFilesClientListener {

	/**
	 * A failed attempt is about to be retried.
	 * @param operation the operation, e.g. {@code delete}
	 * @param reason why, from a bounded set: {@code rate_limited}, {@code server_error}, {@code timeout},
	 * {@code connection}, {@code malformed_response}
	 */
	default void retrying(String operation, String reason) {
	}

	/**
	 * A list of the account's files arrived (from {@code list()}, {@code usage()}, a retention run or a health
	 * probe), and with it the account's quota usage.
	 * @param usage files and bytes in use
	 */
	default void usageObserved(FileUsage usage) {
	}

}
