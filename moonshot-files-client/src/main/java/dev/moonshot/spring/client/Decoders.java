package dev.moonshot.spring.client;

import java.util.List;

import dev.moonshot.spring.client.model.FileDeleteResponse;
import dev.moonshot.spring.client.model.FileObject;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.ClientResponse;

/**
 * How the operations read a 2xx answer: the wire records of both shapes into what users receive. A success body
 * that must be there and is not is malformed, never an empty result.
 */
final class Decoders {

	private static final byte[] NO_BYTES = new byte[0];

	private Decoders() {
	}

	static Mono<FileObject> fileObject(ClientResponse response, @Nullable String subject) {
		return required(response.bodyToMono(WireTypes.File.class)).map(WireTypes.File::toFileObject);
	}

	static Mono<Page> page(ClientResponse response, @Nullable String subject) {
		return required(response.bodyToMono(WireTypes.FileList.class))
			.map((list) -> new Page(list.toFileObjects(), list.next()));
	}

	static Mono<String> content(ClientResponse response, @Nullable String subject) {
		return response.bodyToMono(byte[].class)
			.defaultIfEmpty(NO_BYTES)
			.map((body) -> ExtractedText.of(response.headers().contentType().orElse(null), body));
	}

	/** No body at all (204 No Content) means deleted; a body must be the object, every field of it. */
	static Mono<FileDeleteResponse> deleted(ClientResponse response, @Nullable String fileId) {
		String requestId = ProviderHeaders.requestId(response.headers().asHttpHeaders());
		return response.bodyToMono(byte[].class)
			.filter((body) -> body.length > 0)
			.map((body) -> WireTypes.FileDeleted.read(body, response.headers().contentType().orElse(null))
				.toResponse(requestId))
			.switchIfEmpty(Mono.fromSupplier(() -> new FileDeleteResponse(String.valueOf(fileId), "file", true,
					requestId)));
	}

	private static <T> Mono<T> required(Mono<T> body) {
		return body.switchIfEmpty(Mono.error(() -> new WireFormatException("", "is empty")));
	}

	/**
	 * One page of files and the token of the next, if the answer named one.
	 *
	 * @param files the page's files
	 * @param next the next page's token, or {@code null}
	 */
	record Page(List<FileObject> files, @Nullable String next) {

	}

}
