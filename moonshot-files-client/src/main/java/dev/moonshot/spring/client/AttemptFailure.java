package dev.moonshot.spring.client;

import dev.moonshot.spring.client.exception.MoonshotFailure;

/**
 * The error signal of a failed attempt inside the call pipeline, carrying its {@link MoonshotFailure}. It never
 * leaves the pipeline: the caller gets the exception that the failure builds when the call ends.
 */
final class AttemptFailure extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient MoonshotFailure failure;

	AttemptFailure(MoonshotFailure failure) {
		super(null, null, false, false);
		this.failure = failure;
	}

	MoonshotFailure failure() {
		return this.failure;
	}

	@Override
	public String getMessage() {
		return this.failure.kind() + " (" + this.failure.delivery() + "): " + this.failure.message();
	}

}
