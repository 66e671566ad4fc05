package dev.moonshot.spring.client.model;

import dev.moonshot.spring.client.exception.MoonshotException;
import org.jspecify.annotations.Nullable;

/**
 * What happened to one file of a bulk deletion.
 *
 * @param fileId the file id as given
 * @param outcome what happened
 * @param failure why it failed: a {@link MoonshotException}, or an {@link IllegalArgumentException} for a malformed
 * id (nothing was sent for it); {@code null} unless the outcome is {@link Outcome#FAILED}
 */
public record FileDeletion(String fileId, Outcome outcome, @Nullable RuntimeException failure) {

	/**
	 * The outcomes of deleting one file.
	 */
	public enum Outcome {

		/**
		 * The provider deleted the file.
		 */
		DELETED,

		/**
		 * The provider answered 404: the file was already gone. The goal, no file, is reached.
		 */
		ALREADY_ABSENT,

		/**
		 * The file may still exist: see {@link FileDeletion#failure()}.
		 */
		FAILED

	}

}
