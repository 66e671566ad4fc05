package dev.moonshot.spring.client;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The client's defaults, in one place: the builder starts from them, and the Spring Boot properties read them (a
 * test there checks that they agree). Retry defaults are {@link MoonshotRetrySettings#defaults()}.
 */
public final class MoonshotClientDefaults {

	/** The provider's international base URL. */
	public static final String BASE_URL = "https://api.moonshot.ai";

	/** Connect timeout of the connector the client creates itself. */
	public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	/** Longest one attempt may take, from sending the request to reading the whole response. */
	public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

	/** Longest a call may take, every attempt and the waits between them. */
	public static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

	/** Longest an upload may take, retries included. */
	public static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(5);

	/** Most connections to the provider at a time, of the connector the client creates itself. */
	public static final int MAX_CONNECTIONS = 100;

	/** How many deletions a bulk deletion runs at a time. */
	public static final int BULK_DELETE_CONCURRENCY = 4;

	/** Upper bound of the bulk deletion concurrency. */
	public static final int MAX_BULK_DELETE_CONCURRENCY = 64;

	/** Files per page of a list with the versioned API: the most the provider allows, so the fewest requests. */
	public static final int PAGE_SIZE = 1_000;

	/** Most files per page the provider allows. */
	public static final int MAX_PAGE_SIZE = 1_000;

	/** Most pages one list follows: a provider that never ends a list fails it here. */
	public static final int MAX_PAGES = 1_000;

	private MoonshotClientDefaults() {
	}

	/**
	 * The one check of a time setting: present and positive.
	 * @param value the setting
	 * @param name what it is called, for the message
	 * @return the value
	 * @throws IllegalArgumentException if it is {@code null}, zero or negative
	 */
	public static Duration requirePositive(@Nullable Duration value, String name) {
		Assert.notNull(value, () -> name + " must not be null");
		Assert.isTrue(!value.isNegative() && !value.isZero(), () -> name + " must be positive, got " + value);
		return value;
	}

}
