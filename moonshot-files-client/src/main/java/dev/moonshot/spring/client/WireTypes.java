package dev.moonshot.spring.client;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.moonshot.spring.client.model.FileDeleteResponse;
import dev.moonshot.spring.client.model.FileObject;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.UnsupportedMediaTypeException;

/**
 * The provider's JSON shapes, as read off the wire. Every name is explicit and unknown fields are ignored, so neither
 * an evolving API nor an application's own JSON settings change how they decode. Every field is boxed and nullable,
 * and the conversion to a public type checks it: a required field that is missing is a {@link WireFormatException}
 * naming it, never a default. A field of the wrong type fails in the mapper, which names it too.
 */
final class WireTypes {

	/**
	 * Every type the client decodes reflectively: what the native-image hints register. A test checks that each
	 * record declared here is listed, so that a new wire type cannot be forgotten.
	 */
	static final List<Class<? extends Record>> DECODED = List.of(FileDeleted.class, File.class, FileList.class,
			ErrorEnvelope.class, ErrorBody.class);

	private WireTypes() {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record FileDeleted(@JsonProperty("id") @Nullable String id, @JsonProperty("object") @Nullable String object,
			@JsonProperty("deleted") @Nullable Boolean deleted) {

		/**
		 * Read a delete's body: JSON, and an object (the JSON {@code null} is no answer to a delete).
		 * @param body the body, not empty
		 * @param contentType its Content-Type, if it named one
		 * @return the object
		 */
		static FileDeleted read(byte[] body, @Nullable MediaType contentType) {
			if (contentType == null || !MoonshotJson.isJson(contentType)) {
				throw new UnsupportedMediaTypeException(contentType, List.of(MediaType.APPLICATION_JSON));
			}
			// parsed from its bytes, as Spring's JSON decoder would: UTF-8 (or UTF-16/32), invalid bytes rejected
			FileDeleted deleted = MoonshotJson.MAPPER.readValue(body, FileDeleted.class);
			if (deleted == null) {
				throw new WireFormatException("", "is null instead of an object");
			}
			return deleted;
		}

		FileDeleteResponse toResponse(@Nullable String requestId) {
			return new FileDeleteResponse(requiredText(this.id, "id"), required(this.object, "object"),
					required(this.deleted, "deleted"), requestId);
		}

	}

	/**
	 * A file record in either shape: {@code bytes} or {@code size_bytes}, {@code created_at} as Unix seconds or an
	 * RFC 3339 string, {@code status}/{@code status_details} or {@code extract_status}, {@code mime_type} when sent.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record File(@JsonProperty("id") @Nullable String id, @JsonProperty("object") @Nullable String object,
			@JsonProperty("bytes") @Nullable Long bytes, @JsonProperty("size_bytes") @Nullable Long sizeBytes,
			@JsonProperty("created_at") @Nullable Object createdAt, @JsonProperty("filename") @Nullable String filename,
			@JsonProperty("purpose") @Nullable String purpose, @JsonProperty("status") @Nullable String status,
			@JsonProperty("status_details") @Nullable String statusDetails,
			@JsonProperty("extract_status") @Nullable String extractStatus,
			@JsonProperty("mime_type") @Nullable String mimeType) {

		FileObject toFileObject() {
			String fileId = requiredText(this.id, "id");
			long size = size();
			Instant created = creationTime();
			String state = (this.status != null) ? this.status : this.extractStatus;
			if (state == null) {
				throw new WireFormatException("status", "is missing (nor is there an 'extract_status')");
			}
			return new FileObject(fileId, this.object, size, created, required(this.filename, "filename"),
					required(this.purpose, "purpose"), state,
					(this.statusDetails == null || this.statusDetails.isEmpty()) ? null : this.statusDetails,
					this.mimeType);
		}

		private long size() {
			Long value = (this.bytes != null) ? this.bytes : this.sizeBytes;
			if (value == null) {
				throw new WireFormatException("bytes", "is missing (nor is there a 'size_bytes')");
			}
			if (value < 0) {
				throw new WireFormatException((this.bytes != null) ? "bytes" : "size_bytes",
						"is negative (" + value + ")");
			}
			return value;
		}

		private Instant creationTime() {
			Object value = required(this.createdAt, "created_at");
			if (value instanceof Integer || value instanceof Long) {
				try {
					return Instant.ofEpochSecond(((Number) value).longValue());
				}
				catch (DateTimeException ex) {
					throw new WireFormatException("created_at", "is beyond the range of a time (" + value + ")");
				}
			}
			if (value instanceof String text) {
				try {
					return OffsetDateTime.parse(text).toInstant();
				}
				catch (DateTimeParseException ex) {
					throw new WireFormatException("created_at", "is neither Unix seconds nor an RFC 3339 time");
				}
			}
			throw new WireFormatException("created_at", "is neither Unix seconds nor an RFC 3339 time");
		}

	}

	/**
	 * A page of files: {@code data} (the compatible shape) or {@code items} (the versioned one), and the token of the
	 * next page, if there is one.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record FileList(@JsonProperty("data") @Nullable List<@Nullable File> data,
			@JsonProperty("items") @Nullable List<@Nullable File> items,
			@JsonProperty("next_page_token") @Nullable String nextPageToken) {

		List<FileObject> toFileObjects() {
			String field = (this.data != null) ? "data" : "items";
			List<@Nullable File> entries = (this.data != null) ? this.data : this.items;
			if (entries == null) {
				throw new WireFormatException("data", "is missing (nor is there an 'items')");
			}
			List<FileObject> files = new ArrayList<>(entries.size());
			for (int i = 0; i < entries.size(); i++) {
				File entry = entries.get(i);
				if (entry == null) {
					throw new WireFormatException(field + "[" + i + "]", "is null instead of a file object");
				}
				try {
					files.add(entry.toFileObject());
				}
				catch (WireFormatException ex) {
					throw ex.within(field + "[" + i + "]");
				}
			}
			return files;
		}

		/** The token of the next page; {@code null} (or blank) means this is the last one. */
		@Nullable String next() {
			return (this.nextPageToken == null || this.nextPageToken.isBlank()) ? null : this.nextPageToken;
		}

	}

	private static <T> T required(@Nullable T value, String field) {
		if (value == null) {
			throw new WireFormatException(field, "is missing");
		}
		return value;
	}

	private static String requiredText(@Nullable String value, String field) {
		if (required(value, field).isBlank()) {
			throw new WireFormatException(field, "is blank");
		}
		return value;
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ErrorEnvelope(@JsonProperty("error") @Nullable ErrorBody error) {

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ErrorBody(@JsonProperty("message") @Nullable String message, @JsonProperty("type") @Nullable String type,
			@JsonProperty("code") @Nullable String code, @JsonProperty("param") @Nullable String param,
			@JsonProperty("request_id") @Nullable String requestId) {

	}

}
