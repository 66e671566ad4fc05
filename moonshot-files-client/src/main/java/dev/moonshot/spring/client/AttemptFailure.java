package dev.moonshot.spring.client;

import java.util.function.Function;

/**
 * How one attempt failed, fixed when it is translated and never changed: the exception of that attempt alone, how to
 * build the call's final one from it, and whether the request may have reached the provider. It travels through the
 * call pipeline as its error signal and never leaves it: the caller gets the {@link MoonshotException} built when the
 * call ends (see {@link CallState#fail}).
 */
final class AttemptFailure extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient Delivery delivery;

	private final transient String message;

	private final transient Function<String, MoonshotException> factory;

	private final transient MoonshotException exception;

	/**
	 * @param delivery whether the request reached the provider
	 * @param message the message of the attempt's exception
	 * @param factory builds the exception for a message: the attempt's, or the call's with what the retries did
	 */
	AttemptFailure(Delivery delivery, String message, Function<String, MoonshotException> factory) {
		super(null, null, false, false);
		this.delivery = delivery;
		this.message = message;
		this.factory = factory;
		this.exception = factory.apply(message);
	}

	Delivery delivery() {
		return this.delivery;
	}

	/**
	 * The exception of this attempt alone: what the retry decision reads, and what an earlier attempt contributes
	 * to the final exception as a suppressed one.
	 */
	MoonshotException exception() {
		return this.exception;
	}

	/**
	 * The exception of a call that ends with this failure.
	 * @param note what the retries did, e.g. {@code gave up after 3 attempts}; {@code null} when there is nothing to
	 * say (the first attempt failed for good)
	 * @return a new exception with the note in its message, or this attempt's own when there is no note
	 */
	MoonshotException toCallException(String note) {
		return this.factory.apply(this.message + " [" + note + "]");
	}

	@Override
	public String getMessage() {
		return this.delivery + ": " + this.message;
	}

	/**
	 * Whether a failed attempt's request reached the provider, which decides what a retry may do.
	 */
	enum Delivery {

		/** The request never left: the connection was refused or could not be opened in time. */
		NOT_SENT,

		/**
		 * The request may have been processed without a usable answer: a response timeout, a connection closed
		 * under it, a success body that could not be read.
		 */
		POSSIBLY_PROCESSED,

		/** The provider answered with an error status: it was processed and refused. */
		ANSWERED

	}

}
