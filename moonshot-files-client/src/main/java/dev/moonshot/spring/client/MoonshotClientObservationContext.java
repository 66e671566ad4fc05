package dev.moonshot.spring.client;

import java.time.Duration;

import dev.moonshot.spring.client.exception.MoonshotFailureKind;
import dev.moonshot.spring.client.model.FileDeleteResponse;
import dev.moonshot.spring.client.model.FileObject;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Context of one client operation, from the caller's subscription to its end, retries included.
 */
public class MoonshotClientObservationContext extends Observation.Context {

	private final String operation;

	private final @Nullable String fileId;

	/**
	 * The event of a retry: a failed attempt is about to be repeated; {@link #getRetryReason()} says why. Tracing
	 * shows it as a span event; the starter's metrics count it as {@code moonshot.files.retries}.
	 */
	public static final Observation.Event RETRY = Observation.Event.of("retry", "retry of a failed attempt");

	/**
	 * The event of an attempt kept back by the provider's rate limit ({@code Retry-After}, or
	 * {@code X-RateLimit-Remaining: 0}) before it is sent; {@link #getRateLimitHold()} says for how long. The starter's
	 * metrics time it as {@code moonshot.files.rate.limit.holds}.
	 */
	public static final Observation.Event RATE_LIMIT_HOLD = Observation.Event.of("rate_limit_hold",
			"held back by the rate limit");

	/** The reason of a retry made because the credentials gave a newer key than a rejected attempt sent. */
	public static final String KEY_ROTATED = RetryPolicy.KEY_ROTATED;

	private Outcome outcome = Outcome.UNKNOWN;

	private volatile @Nullable String retryReason;

	private volatile @Nullable Duration rateLimitHold;

	private volatile @Nullable Object result;

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
	 * Why the last retry was made, while its {@link #RETRY} event is handled.
	 * @return the reason, from a bounded set (the failure kinds' {@link MoonshotFailureKind#getRetryReason()}, and
	 * {@link #KEY_ROTATED}), or {@code null} before the first retry
	 */
	public @Nullable String getRetryReason() {
		return this.retryReason;
	}

	/**
	 * How long the rate limit kept the last held attempt back, while its {@link #RATE_LIMIT_HOLD} event is handled.
	 * @return the wait, or {@code null} before the first hold
	 */
	public @Nullable Duration getRateLimitHold() {
		return this.rateLimitHold;
	}

	/**
	 * Set how long an attempt is held back.
	 * @param rateLimitHold the wait
	 */
	public void setRateLimitHold(Duration rateLimitHold) {
		this.rateLimitHold = rateLimitHold;
	}

	/**
	 * The event of one retry: named {@link #RETRY}'s name, so that meters count every retry as one, with the reason
	 * in its contextual name, so that a trace shows it ({@code retry unavailable}).
	 * @param reason why the retry is made
	 * @return the event
	 */
	static Observation.Event retry(String reason) {
		return Observation.Event.of(RETRY.getName(), RETRY.getName() + " " + reason);
	}

	/**
	 * Set why a retry is made.
	 * @param retryReason the reason
	 */
	public void setRetryReason(String retryReason) {
		this.retryReason = retryReason;
	}

	/**
	 * The operation's result, once it succeeded: a {@link FileObject}, the {@code List} of a list, a
	 * {@link FileDeleteResponse}, the text of a content call. Handlers read what they need from it (the quota
	 * metrics read the usage from a list).
	 * @return the result, or {@code null} while the operation runs or when it failed
	 */
	public @Nullable Object getResult() {
		return this.result;
	}

	/**
	 * Set the operation's result.
	 * @param result the result
	 */
	public void setResult(@Nullable Object result) {
		this.result = result;
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
