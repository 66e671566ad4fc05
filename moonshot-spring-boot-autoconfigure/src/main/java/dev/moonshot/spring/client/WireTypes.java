package dev.moonshot.spring.client;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The provider's JSON shapes, as read off the wire. Every name is explicit and unknown fields are ignored, so neither
 * an evolving API nor an application's own JSON settings change how they decode. Every field is boxed and nullable:
 * the public types decide what a missing value means.
 */
final class WireTypes {

	private WireTypes() {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record FileDeleted(@JsonProperty("id") @Nullable String id, @JsonProperty("object") @Nullable String object,
			@JsonProperty("deleted") @Nullable Boolean deleted) {

		FileDeleteResponse toResponse(String requestedId, @Nullable String requestId) {
			return new FileDeleteResponse((this.id != null) ? this.id : requestedId,
					(this.object != null) ? this.object : "file", this.deleted == null || this.deleted, requestId);
		}

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record File(@JsonProperty("id") @Nullable String id, @JsonProperty("object") @Nullable String object,
			@JsonProperty("bytes") @Nullable Long bytes, @JsonProperty("created_at") @Nullable Long createdAt,
			@JsonProperty("filename") @Nullable String filename, @JsonProperty("purpose") @Nullable String purpose,
			@JsonProperty("status") @Nullable String status,
			@JsonProperty("status_details") @Nullable String statusDetails) {

		FileObject toFileObject() {
			if (this.id == null || this.id.isBlank()) {
				throw new MoonshotMalformedResponseException("Moonshot returned a file object without an id", null);
			}
			return new FileObject(this.id, orEmpty(this.object, "file"), (this.bytes != null) ? this.bytes : 0L,
					Instant.ofEpochSecond((this.createdAt != null) ? this.createdAt : 0L), orEmpty(this.filename, ""),
					orEmpty(this.purpose, ""), orEmpty(this.status, ""),
					(this.statusDetails == null || this.statusDetails.isEmpty()) ? null : this.statusDetails);
		}

		private static String orEmpty(@Nullable String value, String fallback) {
			return (value != null) ? value : fallback;
		}

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record FileList(@JsonProperty("data") @Nullable List<File> data) {

		List<FileObject> toFileObjects() {
			return (this.data != null) ? this.data.stream().map(File::toFileObject).toList() : List.of();
		}

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
