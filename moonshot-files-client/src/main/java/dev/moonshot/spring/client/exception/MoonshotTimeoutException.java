package dev.moonshot.spring.client.exception;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A time limit ran out before the call completed. {@link #getTimeoutType()} says which limit fired.
 */
public class MoonshotTimeoutException extends MoonshotTransportException {

	private static final long serialVersionUID = 1L;

	/** Which deadline passed. */
	private final TimeoutType timeoutType;

	/** The deadline's length, when known. */
	private final @Nullable Duration timeout;

	/**
	 * Create the exception.
	 * @param message the detail message
	 * @param timeoutType which limit fired
	 * @param timeout the configured value of that limit, if known
	 * @param cause the underlying cause, if any
	 */
	public MoonshotTimeoutException(String message, TimeoutType timeoutType, @Nullable Duration timeout,
			@Nullable Throwable cause) {
		this(message, timeoutType, timeout, cause, 1);
	}

	MoonshotTimeoutException(String message, TimeoutType timeoutType, @Nullable Duration timeout,
			@Nullable Throwable cause, int attempts) {
		super(message, cause, timeoutType.failureKind, attempts);
		this.timeoutType = timeoutType;
		this.timeout = timeout;
	}

	/**
	 * Which limit fired.
	 * @return the timeout type
	 */
	public TimeoutType getTimeoutType() {
		return this.timeoutType;
	}

	/**
	 * The configured value of the limit that fired.
	 * @return the limit, or {@code null} when the connector reported a timeout of its own
	 */
	public @Nullable Duration getTimeout() {
		return this.timeout;
	}

	/**
	 * The time limits of a call.
	 */
	public enum TimeoutType {

		/**
		 * The TCP (and TLS) connection could not be established in time.
		 */
		CONNECT(MoonshotFailureKind.CONNECT_TIMEOUT),

		/**
		 * One attempt's response did not arrive, whole, in time ({@code moonshot.response-timeout}, or
		 * {@code moonshot.upload-timeout} for an upload).
		 */
		RESPONSE(MoonshotFailureKind.RESPONSE_TIMEOUT),

		/**
		 * The call as a whole, all attempts and the waits between them, ran out of time
		 * ({@code moonshot.call-timeout}).
		 */
		CALL(MoonshotFailureKind.CALL_TIMEOUT);

		final MoonshotFailureKind failureKind;

		TimeoutType(MoonshotFailureKind failureKind) {
			this.failureKind = failureKind;
		}

		static TimeoutType of(MoonshotFailureKind failureKind) {
			for (TimeoutType type : values()) {
				if (type.failureKind == failureKind) {
					return type;
				}
			}
			throw new IllegalArgumentException("Not a kind of timeout: " + failureKind);
		}

	}

}
