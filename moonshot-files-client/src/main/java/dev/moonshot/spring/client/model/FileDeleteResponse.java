package dev.moonshot.spring.client.model;

import org.jspecify.annotations.Nullable;

/**
 * Result of deleting a file: the provider's {@code FileDeleteResponse} plus the provider's request id.
 * <p>
 * A {@code 2xx} answer without a body (as a newer API version sends on {@code 204 No Content}) is reported as
 * {@code deleted = true} with the requested id.
 *
 * @param id the deleted file's id
 * @param object the object type, {@code "file"}
 * @param deleted whether the provider reports the file as deleted
 * @param requestId the provider's id of the request ({@code Msh-Request-Id}), or {@code null} if it sent none
 */
public record FileDeleteResponse(String id, String object, boolean deleted, @Nullable String requestId) {

}
