package dev.moonshot.spring.client;

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
	record ErrorEnvelope(@JsonProperty("error") @Nullable ErrorBody error) {

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ErrorBody(@JsonProperty("message") @Nullable String message, @JsonProperty("type") @Nullable String type,
			@JsonProperty("code") @Nullable String code, @JsonProperty("param") @Nullable String param,
			@JsonProperty("request_id") @Nullable String requestId) {

	}

}
