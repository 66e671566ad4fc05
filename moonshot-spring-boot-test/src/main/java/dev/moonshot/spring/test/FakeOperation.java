package dev.moonshot.spring.test;

/**
 * The operations of the Files API, as the {@link MoonshotFakeServer} counts them and injects faults into them.
 */
public enum FakeOperation {

	/** {@code POST /v1/files}. */
	UPLOAD,

	/** {@code GET /v1/files}. */
	LIST,

	/** {@code GET /v1/files/{file_id}}. */
	RETRIEVE,

	/** {@code GET /v1/files/{file_id}/content}. */
	CONTENT,

	/** {@code DELETE /v1/files/{file_id}}. */
	DELETE

}
