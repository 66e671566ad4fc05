package dev.moonshot.spring.client;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The operations of the Files API: each with its method and path template, which build both the request and the
 * words an exception uses for it, and the name it is observed under.
 */
enum Operation {

	UPLOAD(HttpMethod.POST, "/v1/files", "upload"),

	LIST(HttpMethod.GET, "/v1/files", "list"),

	RETRIEVE(HttpMethod.GET, Operation.FILE_PATH, "retrieve"),

	CONTENT(HttpMethod.GET, Operation.FILE_PATH + "/content", "content"),

	DELETE(HttpMethod.DELETE, Operation.FILE_PATH, "delete");

	/** Path of one file; {@code {file_id}} stays a template so that metrics tag the template, never an id. */
	static final String FILE_PATH = "/v1/files/{file_id}";

	private static final String FILE_ID = "{file_id}";

	final HttpMethod method;

	final String path;

	final String observedName;

	Operation(HttpMethod method, String path, String observedName) {
		this.method = method;
		this.path = path;
		this.observedName = observedName;
	}

	/**
	 * The request of this operation, by its URI template.
	 * @param webClient the client's WebClient, base URL and headers set
	 * @param fileId the file, for the operations on one file
	 * @return the request, not yet sent
	 */
	WebClient.RequestBodySpec request(WebClient webClient, @Nullable String fileId) {
		WebClient.RequestBodyUriSpec method = webClient.method(this.method);
		return (fileId != null) ? method.uri(this.path, fileId) : method.uri(this.path);
	}

	/**
	 * What was called, for messages, e.g. {@code DELETE /v1/files/abc} or {@code POST /v1/files (a.pdf)}; built only
	 * when one is needed.
	 * @param subject the file id, or the filename of an upload
	 * @return the description
	 */
	String describe(@Nullable String subject) {
		if (this.path.contains(FILE_ID)) {
			return this.method.name() + " " + this.path.replace(FILE_ID, String.valueOf(subject));
		}
		return this.method.name() + " " + this.path + ((subject != null) ? " (" + subject + ")" : "");
	}

}
