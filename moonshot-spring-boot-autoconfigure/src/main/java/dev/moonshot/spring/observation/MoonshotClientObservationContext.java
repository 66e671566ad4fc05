package dev.moonshot.spring.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Context of one client operation, from the caller's subscription to its end, retries included.
 */
public class MoonshotClientObservationContext extends Observation.Context {

	private final String operation;

	private final @Nullable String fileId;

	private Outcome outcome = Outcome.UNKNOWN;

	/**
	 * Create a context.
	 * @param operation the operation: {@code delete}, {@code upload}, {@code list}, {@code retrieve} or
	 * {@code content}
	 * @param fileId the file the operation is about, if any
	 */
	public MoonshotClientObservationContext(String operation, @Nullable String fileId) {
		this.operation = operation;
		this.fileId = fileId;
	}

	/**
	 * The operation.
	 * @return the operation name, e.g. {@code delete}
	 */
	public String getOperation() {
		return this.operation;
	}

	/**
	 * The file the operation is about: a high-cardinality value, never a metric tag.
	 * @return the file id, or {@code null} for list and upload
	 */
	public @Nullable String getFileId() {
		return this.fileId;
	}

	/**
	 * How the operation ended.
	 * @return the outcome, {@link Outcome#UNKNOWN} while it runs
	 */
	public Outcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Set how the operation ended.
	 * @param outcome the outcome
	 */
	public void setOutcome(Outcome outcome) {
		this.outcome = outcome;
	}

	/**
	 * How an operation ended.
	 */
	public enum Outcome {

		/** The provider answered with success. */
		SUCCESS,

		/** The provider answered 4xx. */
		CLIENT_ERROR,

		/** The provider answered 5xx. */
		SERVER_ERROR,

		/** No usable answer arrived: connection failure, timeout, malformed response. */
		TRANSPORT_ERROR,

		/** The caller cancelled. */
		CANCELLED,

		/** Not known (yet). */
		UNKNOWN

	}

}
