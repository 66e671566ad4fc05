package dev.moonshot.spring.test;

import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;

/**
 * The fake's two wire formats: the compatible shapes (no version header) and the versioned ones
 * ({@code kimi-api-version: 2026-09-01-beta}), for file records and errors.
 */
final class FakeWire {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private FakeWire() {
	}

	/** A file record, in the shape of the protocol. */
	static Map<String, Object> file(FakeFile file, boolean versioned) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("id", file.id());
		if (versioned) {
			map.put("filename", file.filename());
			map.put("mime_type", MediaTypeFactory.getMediaType(file.filename())
				.orElse(MediaType.APPLICATION_OCTET_STREAM)
				.toString());
			map.put("size_bytes", file.bytes());
			map.put("created_at", file.createdAt().truncatedTo(ChronoUnit.SECONDS).toString());
			map.put("purpose", file.purpose());
			map.put("extract_status", "ready");
			return map;
		}
		map.put("object", "file");
		map.put("bytes", file.bytes());
		map.put("created_at", file.createdAt().getEpochSecond());
		map.put("filename", file.filename());
		map.put("purpose", file.purpose());
		map.put("status", "ok");
		map.put("status_details", "");
		return map;
	}

	/** An error body of the compatible API. */
	static String errorBody(String type, String message) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("message", message);
		error.put("type", type);
		return json(Map.of("error", error));
	}

	static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

	static Mono<Void> send(HttpServerResponse response, int status, String body) {
		return response.status(HttpResponseStatus.valueOf(status))
			.header("Content-Type", "application/json")
			.sendString(Mono.just(body))
			.then();
	}

	/**
	 * One request, and the protocol it asked for.
	 *
	 * @param request the request
	 * @param response its response
	 * @param versioned whether it asked for the versioned API
	 * @param requestId its {@code Msh-Request-Id}
	 * @param dropAnswer whether the answer is to be dropped after processing
	 */
	record Exchange(HttpServerRequest request, HttpServerResponse response, boolean versioned, String requestId,
			boolean dropAnswer) {

		/** Answer, unless the answer is to be dropped after processing. */
		Mono<Void> send(int status, String body) {
			return this.dropAnswer ? drop() : FakeWire.send(this.response, status, body);
		}

		Mono<Void> sendFile(int status, FakeFile file) {
			return send(status, json(file(file, this.versioned)));
		}

		Mono<Void> drop() {
			return Mono.fromRunnable(() -> this.request.withConnection(Connection::dispose));
		}

		/** Whether the key sees a file: the organization's without a version, its project's with one. */
		boolean sees(FakeFile file) {
			return !this.versioned || MoonshotFakeServer.PROJECT.equals(file.project());
		}

		/** An error in the protocol's shape; the versioned one carries the request id and the field blamed. */
		Mono<Void> error(int status, String type, String message, @Nullable String param) {
			if (!this.versioned) {
				return send(status, errorBody(type, message));
			}
			Map<String, Object> error = new LinkedHashMap<>();
			error.put("type", type);
			error.put("message", message);
			error.put("request_id", this.requestId);
			if (param != null) {
				error.put("param", param);
			}
			return send(status, json(Map.of("error", error)));
		}

		/** A 400 whose type the versioned API names more precisely. */
		Mono<Void> badRequest(String versionedType, String message, @Nullable String param) {
			return error(400, this.versioned ? versionedType : "invalid_request_error", message, param);
		}

	}

}
