package dev.moonshot.spring.client;

/**
 * Blocking view of a {@link MoonshotFilesClient}, obtained with {@link MoonshotFilesClient#blocking()}.
 * <p>
 * Each call waits at most the client's response timeout and throws what the reactive call would signal. It must not
 * be called on a non-blocking thread (a Reactor Netty event loop or a {@code parallel} scheduler worker): there it
 * fails at once with an {@link IllegalStateException} instead of stalling the event loop.
 */
public interface BlockingMoonshotFilesClient {

	/**
	 * Delete an uploaded file ({@code DELETE /v1/files/{file_id}}).
	 * @param fileId the id of the file
	 * @return the provider's confirmation
	 * @throws IllegalArgumentException if {@code fileId} is not a well-formed file id (nothing is sent)
	 * @throws MoonshotNotFoundException if no such file exists
	 * @throws MoonshotException for any other failure
	 * @see MoonshotFilesClient#delete(String)
	 */
	FileDeleteResponse delete(String fileId);

}
