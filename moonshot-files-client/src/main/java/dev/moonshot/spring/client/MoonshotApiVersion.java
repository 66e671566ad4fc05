package dev.moonshot.spring.client;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The dated versions of the Moonshot API a client can ask for with the {@code kimi-api-version} header. Without one
 * the Files API keeps its <em>compatible</em> behaviour; with {@link #V2026_09_01_BETA} it speaks the versioned one:
 * lists are scoped to the key's project and paginated, uploads answer {@code 201}, deletes {@code 204}, records and
 * errors have their versioned shapes, and uploads are replayed for an {@code Idempotency-Key}.
 */
public final class MoonshotApiVersion {

	/** The request header that selects a version. */
	public static final String HEADER = "kimi-api-version";

	/** The versioned API of 2026-09-01, marked beta by the provider. */
	public static final String V2026_09_01_BETA = "2026-09-01-beta";

	private static final Pattern FORM = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-[A-Za-z0-9.]+)*");

	private MoonshotApiVersion() {
	}

	/**
	 * Check a version value before it becomes a header.
	 * @param version the value, {@code null} for the compatible behaviour
	 * @return the same value
	 * @throws IllegalArgumentException if it is not of the dated form {@code YYYY-MM-DD[-suffix]}
	 */
	static @Nullable String requireValid(@Nullable String version) {
		if (version != null && !FORM.matcher(version).matches()) {
			throw new IllegalArgumentException("API version " + DisplayValue.of(version) + " is not a dated version "
					+ "(YYYY-MM-DD, optionally with a suffix), e.g. " + V2026_09_01_BETA + "; leave it unset for the "
					+ "compatible behaviour");
		}
		return version;
	}

}
