package dev.moonshot.spring.client;

import java.util.List;
import java.util.function.Function;

import dev.moonshot.spring.client.model.FileDeleteResponse;
import dev.moonshot.spring.client.model.FileObject;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.web.reactive.function.BodyExtractor;
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
		return read(response, (body) -> (body.length == 0)
				? new FileDeleteResponse(String.valueOf(fileId), "file", true, requestId)
				: WireTypes.FileDeleted.read(body, response.headers().contentType().orElse(null))
					.toResponse(requestId));
	}

	/**
	 * Read a small body straight from the response's buffers: joined (within the client's in-memory limit), copied
	 * once and released, then given to the reader ({@code byte[0]} when there is no body). The extractor hands the
	 * {@code Mono} over inside a {@link Body}, so that the response does not wrap it in a checkpoint (an assembly
	 * snapshot and its description string on every call) as it wraps every {@code Mono} its extractors return.
	 */
	private static <T> Mono<T> read(ClientResponse response, Function<byte[], T> reader) {
		BodyExtractor<Body<T>, ReactiveHttpInputMessage> extractor = (message, context) -> new Body<>(
				DataBufferUtils.join(message.getBody(), DefaultMoonshotFilesClientBuilder.MAX_IN_MEMORY_BYTES)
					.singleOptional()
					.map((joined) -> reader.apply(joined.map(Decoders::drain).orElse(NO_BYTES))));
		return response.body(extractor).mono();
	}

	/** A buffer's bytes, copied; the buffer is released. */
	static byte[] drain(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private static <T> Mono<T> required(Mono<T> body) {
		return body.switchIfEmpty(Mono.error(() -> new WireFormatException("", "is empty")));
	}

	/**
	 * A body's {@code Mono}, carried out of a body extractor.
	 *
	 * @param mono the body, read
	 */
	private record Body<T>(Mono<T> mono) {

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
