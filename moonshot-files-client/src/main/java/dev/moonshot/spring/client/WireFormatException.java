package dev.moonshot.spring.client;

import dev.moonshot.spring.client.exception.MoonshotMalformedResponseException;
import org.jspecify.annotations.Nullable;

/**
 * A success body had the right syntax but not the documented shape: a required field is missing, blank or out of
 * range. Names the field by its path in the body (e.g. {@code data[3].created_at}) and never quotes a value, so the
 * message can be kept as it is. Raised while decoding; the client turns it into a
 * {@link MoonshotMalformedResponseException} that says which call it was.
 */
final class WireFormatException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String field;

	private final String problem;

	/**
	 * @param field path of the field, empty for the body (or list entry) itself
	 * @param problem what is wrong with it, e.g. {@code is missing}
	 */
	WireFormatException(String field, String problem) {
		super(null, null, false, false);
		this.field = field;
		this.problem = problem;
	}

	/**
	 * The same problem, seen from the enclosing element.
	 * @param parent path of the enclosing element, e.g. {@code data[3]}
	 * @return the exception with the longer path
	 */
	WireFormatException within(String parent) {
		return new WireFormatException(this.field.isEmpty() ? parent : parent + "." + this.field, this.problem);
	}

	@Override
	public @Nullable String getMessage() {
		return (this.field.isEmpty() ? "the body" : "the required field '" + this.field + "'") + " " + this.problem;
	}

}
