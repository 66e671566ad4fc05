package dev.moonshot.spring.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The provider's JSON shapes, as read off the wire. Every name is explicit and unknown fields are ignored, so neither
 * an evolving API nor an application's own JSON settings change how they decode. Every field is boxed and nullable,
 * and the conversion to a public type checks it: a required field that is missing is a {@link WireFormatException}
 * naming it, never a default. A field of the wrong type fails in the mapper, which names it too.
 */
final class WireTypes {

	private WireTypes() {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record FileDeleted(@JsonProperty("id") @Nullable String id, @JsonProperty("object") @Nullable String object,
			@JsonProperty("deleted") @Nullable Boolean deleted) {

		FileDeleteResponse toResponse(@Nullable String requestId) {
			return new FileDeleteResponse(requiredText(this.id, "id"), required(this.object, "object"),
					required(this.deleted, "deleted"), requestId);
		}

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record File(@JsonProperty("id") @Nullable String id, @JsonProperty("object") @Nullable String object,
			@JsonProperty("bytes") @Nullable Long bytes, @JsonProperty("created_at") @Nullable Long createdAt,
			@JsonProperty("filename") @Nullable String filename, @JsonProperty("purpose") @Nullable String purpose,
			@JsonProperty("status") @Nullable String status,
			@JsonProperty("status_details") @Nullable String statusDetails) {

		FileObject toFileObject() {
			String fileId = requiredText(this.id, "id");
			String type = required(this.object, "object");
			long size = required(this.bytes, "bytes");
			if (size < 0) {
				throw new WireFormatException("bytes", "is negative (" + size + ")");
			}
			return new FileObject(fileId, type, size,
					Instant.ofEpochSecond(required(this.createdAt, "created_at")), required(this.filename, "filename"),
					required(this.purpose, "purpose"), required(this.status, "status"),
					(this.statusDetails == null || this.statusDetails.isEmpty()) ? null : this.statusDetails);
		}

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record FileList(@JsonProperty("data") @Nullable List<@Nullable File> data) {

		List<FileObject> toFileObjects() {
			List<@Nullable File> entries = required(this.data, "data");
			List<FileObject> files = new ArrayList<>(entries.size());
			for (int i = 0; i < entries.size(); i++) {
				File entry = entries.get(i);
				if (entry == null) {
					throw new WireFormatException("data[" + i + "]", "is null instead of a file object");
				}
				try {
					files.add(entry.toFileObject());
				}
				catch (WireFormatException ex) {
					throw ex.within("data[" + i + "]");
				}
			}
			return files;
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
