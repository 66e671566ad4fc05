package dev.moonshot.spring.client.model;

import org.jspecify.annotations.Nullable;

/**
 * The provider announced that the API version a client speaks is being retired: it answered with
 * {@code Deprecation: true} and, usually, {@code Sunset: <date>}.
 *
 * @param version the version the client asks for, or {@code null} for the compatible behaviour (no version header)
 * @param sunset when the version is retired, as the provider wrote it, if it said
 */
public record MoonshotApiDeprecation(@Nullable String version, @Nullable String sunset) {

	/**
	 * What to tell an operator.
	 * @return e.g. {@code Moonshot API version 2026-09-01-beta is being retired on 2027-03-01; move to a newer
	 * version (see the provider's ChangeLog)}
	 */
	public String describe() {
		return "Moonshot API version " + ((this.version != null) ? this.version : "(none: the compatible behaviour)")
				+ " is being retired" + ((this.sunset != null) ? " on " + this.sunset : "")
				+ "; move to a newer version (moonshot.api-version; see the provider's ChangeLog)";
	}

}
