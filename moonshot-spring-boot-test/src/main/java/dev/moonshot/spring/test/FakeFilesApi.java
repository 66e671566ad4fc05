package dev.moonshot.spring.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.moonshot.spring.client.model.FilePurpose;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpData;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The answers of the Files API's five operations, in the protocol each request asked for, over the fake's
 * {@link FakeStore}.
 */
final class FakeFilesApi {

	private final FakeStore store;

	FakeFilesApi(FakeStore store) {
		this.store = store;
	}

	Mono<Void> answer(FakeWire.Exchange exchange, FakeOperation operation) {
		return switch (operation) {
			case UPLOAD -> upload(exchange);
			case LIST -> list(exchange);
			case RETRIEVE -> withFile(exchange, (file) -> exchange.sendFile(200, file));
			case CONTENT -> withFile(exchange, (file) -> content(exchange, file));
			case DELETE -> delete(exchange);
		};
	}

	private Mono<Void> upload(FakeWire.Exchange exchange) {
		if (!exchange.request().isMultipart()) {
			return exchange.error(400, "invalid_request_error", "Expected multipart/form-data", null);
		}
		String idempotencyKey = exchange.request().requestHeaders().get("Idempotency-Key");
		Map<String, Object> parts = new LinkedHashMap<>();
		return exchange.request()
			.receiveForm()
			.doOnNext((data) -> parts.put(data.getName(), read(data)))
			.then(Mono.defer(() -> stored(exchange, parts.get("file"), parts.get("purpose"), idempotencyKey)));
	}

	private Mono<Void> stored(FakeWire.Exchange exchange, @Nullable Object file, @Nullable Object purpose,
			@Nullable String idempotencyKey) {
		if (!(file instanceof Upload upload)) {
			return exchange.badRequest("invalid_parameter_error", "No file was uploaded", "file");
		}
		if (!(purpose instanceof String value) || FilePurpose.fromValue(value) == null) {
			return exchange.badRequest("invalid_parameter_error", "Invalid purpose", "purpose");
		}
		if (upload.content().length == 0) {
			return exchange.error(400, "invalid_request_error", "File size is zero", "file");
		}
		if (upload.content().length > MoonshotFakeServer.MAX_FILE_BYTES) {
			return exchange.error(400, "invalid_request_error", "File size is too large, max file size is 100MB",
					"file");
		}
		FakeStore.Upload result = this.store.upload(upload.filename(), value, upload.content(), exchange.versioned(),
				idempotencyKey);
		return switch (result.outcome()) {
			case STORED -> exchange.sendFile(exchange.versioned() ? 201 : 200, stored(result));
			case REPLAYED -> exchange.sendFile(201, stored(result));
			case CONFLICT -> exchange.error(409, "conflict_error",
					"Idempotency-Key " + idempotencyKey + " was used with another request body", null);
			case TOO_MANY_FILES -> exchange.badRequest("failed_precondition_error",
					"The number of files you have uploaded exceeded the max file count " + MoonshotFakeServer.MAX_FILES
							+ ", please delete previous uploaded files",
					null);
			case TOO_MANY_BYTES -> exchange.badRequest("failed_precondition_error",
					"The total size of the files you have uploaded exceeded the max total size 10GB, please delete "
							+ "previous uploaded files",
					null);
		};
	}

	private static FakeFile stored(FakeStore.Upload result) {
		FakeFile file = result.file();
		if (file == null) {
			throw new IllegalStateException("No file for " + result.outcome());
		}
		return file;
	}

	private Mono<Void> delete(FakeWire.Exchange exchange) {
		FakeFile removed = this.store.remove(exchange.request().param("id"), exchange::sees);
		if (removed == null) {
			return notFound(exchange);
		}
		if (exchange.versioned()) {
			return exchange.dropAnswer() ? exchange.drop() : exchange.response().status(204).send();
		}
		Map<String, Object> deleted = new LinkedHashMap<>();
		deleted.put("id", removed.id());
		deleted.put("object", "file");
		deleted.put("deleted", true);
		return exchange.send(200, FakeWire.json(deleted));
	}

	private static Mono<Void> content(FakeWire.Exchange exchange, FakeFile file) {
		if (!FilePurpose.FILE_EXTRACT.value().equals(file.purpose())) {
			return exchange.badRequest("failed_precondition_error",
					"Only files uploaded with purpose file-extract have extracted content", null);
		}
		if (exchange.versioned()) {
			return exchange.send(200, FakeWire.json(Map.of("content", file.text())));
		}
		if (exchange.dropAnswer()) {
			return exchange.drop();
		}
		return exchange.response()
			.status(200)
			.header("Content-Type", "text/plain; charset=utf-8")
			.sendByteArray(Mono.just(file.content()))
			.then();
	}

	private Mono<Void> withFile(FakeWire.Exchange exchange, Function<FakeFile, Mono<Void>> action) {
		FakeFile file = this.store.find(exchange.request().param("id"), exchange::sees);
		return (file != null) ? action.apply(file) : notFound(exchange);
	}

	private static Mono<Void> notFound(FakeWire.Exchange exchange) {
		return exchange.error(404, "resource_not_found_error", "File not found", null);
	}

	private Mono<Void> list(FakeWire.Exchange exchange) {
		if (!exchange.versioned()) {
			List<Map<String, Object>> data = new ArrayList<>();
			this.store.files().forEach((file) -> data.add(FakeWire.file(file, false)));
			Map<String, Object> list = new LinkedHashMap<>();
			list.put("object", "list");
			list.put("data", data);
			return exchange.send(200, FakeWire.json(list));
		}
		QueryStringDecoder query = new QueryStringDecoder(exchange.request().uri());
		String sizeParameter = first(query, "page_size");
		int pageSize;
		try {
			pageSize = (sizeParameter != null) ? Integer.parseInt(sizeParameter) : Integer.MAX_VALUE;
		}
		catch (NumberFormatException ex) {
			pageSize = 0;
		}
		if (pageSize < 1 || (sizeParameter != null && pageSize > 1000)) {
			return exchange.error(400, "invalid_parameter_error", "page_size must be between 1 and 1000",
					"page_size");
		}
		FakeStore.Page page = this.store.page(exchange::sees, first(query, "page_token"), pageSize);
		if (page == null) {
			return exchange.error(400, "invalid_parameter_error", "Unknown page_token", "page_token");
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("items", page.files().stream().map((file) -> FakeWire.file(file, true)).toList());
		if (page.next() != null) {
			body.put("next_page_token", page.next());
		}
		return exchange.send(200, FakeWire.json(body));
	}

	private static @Nullable String first(QueryStringDecoder query, String name) {
		List<String> values = query.parameters().get(name);
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	private static Object read(HttpData data) {
		try {
			if (data instanceof FileUpload upload) {
				return new Upload(upload.getFilename(), upload.get());
			}
			return data.getString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record Upload(String filename, byte[] content) {

	}

}
