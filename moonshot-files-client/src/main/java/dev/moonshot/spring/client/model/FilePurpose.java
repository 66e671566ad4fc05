package dev.moonshot.spring.client.model;

import org.jspecify.annotations.Nullable;

/**
 * What an uploaded file is for, as the provider documents it.
 */
public enum FilePurpose {

	/**
	 * A document whose text the provider extracts ({@code file-extract}); read it with
	 * {@link dev.moonshot.spring.client.MoonshotFilesClient#content(String)}.
	 */
	FILE_EXTRACT("file-extract"),

	/**
	 * An image for a vision model ({@code image}).
	 */
	IMAGE("image"),

	/**
	 * A video for a vision model ({@code video}).
	 */
	VIDEO("video"),

	/**
	 * Input of a batch job ({@code batch}).
	 */
	BATCH("batch");

	private final String value;

	FilePurpose(String value) {
		this.value = value;
	}

	/**
	 * The value on the wire, e.g. {@code file-extract}.
	 * @return the wire value
	 */
	public String value() {
		return this.value;
	}

	/**
	 * The purpose with the given wire value.
	 * @param value a wire value such as {@code file-extract}
	 * @return the purpose, or {@code null} for a value this client does not know (the API evolves)
	 */
	public static @Nullable FilePurpose fromValue(@Nullable String value) {
		for (FilePurpose purpose : values()) {
			if (purpose.value.equals(value)) {
				return purpose;
			}
		}
		return null;
	}

}
