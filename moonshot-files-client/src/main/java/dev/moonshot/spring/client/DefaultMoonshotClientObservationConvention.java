package dev.moonshot.spring.client;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.moonshot.spring.client.exception.MoonshotApiException;
import dev.moonshot.spring.client.exception.MoonshotException;
import dev.moonshot.spring.client.exception.MoonshotFailureKind;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

/**
 * Default {@link MoonshotClientObservationConvention}: observation {@code moonshot.files.requests} with the
 * low-cardinality keys {@code operation}, {@code outcome}, {@code error.type} (the provider's error type when
 * {@link MoonshotFailureKind} names it, else {@code other}) and {@code exception}, each from a bounded set of values, and the file id as the high-cardinality key {@code moonshot.file.id} (traces only, never a
 * metric tag).
 */
public class DefaultMoonshotClientObservationConvention implements MoonshotClientObservationConvention {

	/** Name of the observation, and of the timer it becomes. */
	public static final String NAME = "moonshot.files.requests";

	private static final String NONE = "none";

	/**
	 * The key values of calls that did not fail, by operation and outcome: computed once, as they are asked for at
	 * the start and at the end of every call.
	 */
	private final Map<String, KeyValues> withoutError = new ConcurrentHashMap<>();

	/**
	 * The default convention; extend it to change some of its keys and keep the others.
	 */
	public DefaultMoonshotClientObservationConvention() {
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(MoonshotClientObservationContext context) {
		return "moonshot " + context.getOperation();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(MoonshotClientObservationContext context) {
		Throwable error = context.getError();
		if (error == null) {
			return this.withoutError.computeIfAbsent(context.getOperation() + ' ' + context.getOutcome().name(),
					(key) -> keyValues(context, null));
		}
		return keyValues(context, error);
	}

	private static KeyValues keyValues(MoonshotClientObservationContext context, @Nullable Throwable error) {
		return KeyValues.of(KeyValue.of("operation", context.getOperation()),
				KeyValue.of("outcome", context.getOutcome().name()), KeyValue.of("error.type", errorType(error)),
				KeyValue.of("exception", exception(error)));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(MoonshotClientObservationContext context) {
		String fileId = context.getFileId();
		return (fileId != null) ? KeyValues.of(KeyValue.of("moonshot.file.id", fileId)) : KeyValues.empty();
	}

	private static String errorType(@Nullable Throwable error) {
		if (error instanceof MoonshotApiException api && api.getErrorType() != null) {
			return MoonshotFailureKind.errorTypeTag(api.getErrorType());
		}
		return NONE;
	}

	private static String exception(@Nullable Throwable error) {
		if (error == null) {
			return NONE;
		}
		// the client's own hierarchy is a bounded set; anything else is named by its kind only
		return (error instanceof MoonshotException) ? error.getClass().getSimpleName() : "other";
	}

}
