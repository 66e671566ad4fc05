package dev.moonshot.spring.autoconfigure.retention;

/**
 * The retention job is enabled but its settings do not say safely what it may delete.
 */
class InvalidMoonshotRetentionException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String action;

	InvalidMoonshotRetentionException(String description, String action) {
		super(description);
		this.action = action;
	}

	String action() {
		return this.action;
	}

}
