package dev.moonshot.spring.client;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.moonshot.spring.client.model.MoonshotApiDeprecation;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two header readers besides {@code Retry-After}: what an answer states of the rate limit
 * ({@code X-RateLimit-Remaining}, {@code -Limit}, {@code -Reset}) and that the API version is retired
 * ({@code Deprecation}, {@code Sunset}). Values of every kind, the expectation known by construction: a count is
 * ASCII digits only (no sign, no other script's digits) that fit an int, anything else is no count; a reset is read
 * as {@code Retry-After} is. Jazzer {@link FuzzTest}s, run by every build on the committed inputs and on
 * {@value FuzzCases#CASES} generated ones each, plus a raw-bytes target.
 */
class ProviderHeadersFuzzTests {

	static final Instant NOW = ErrorResponseFuzzTests.NOW;

	static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	/** The kinds of count value the generator makes. */
	enum CountValue {

		ABSENT, COUNT, PADDED, SIGNED, NEGATIVE, BEYOND_AN_INT, OTHER_DIGITS, FRACTION, TEXT

	}

	/** The kinds of {@code Deprecation} value the generator makes. */
	enum DeprecationValue {

		ABSENT, TRUE, FALSE, DATE, OTHER

	}

	private static volatile Map<CountValue, Integer> countsTried = new EnumMap<>(CountValue.class);

	private static volatile Map<DeprecationValue, Integer> deprecationsTried = new EnumMap<>(DeprecationValue.class);

	@Test
	void rateLimitHeadersAreReadExactlyOrIgnored() {
		countsTried = new EnumMap<>(CountValue.class);
		FuzzCases.run(ProviderHeadersFuzzTests.class, "rateLimitHeaders", this::rateLimitHeaders);
		assertThat(countsTried).as("counts tried").containsOnlyKeys(CountValue.values());
	}

	@Test
	void deprecationHeadersAreReadExactly() {
		deprecationsTried = new EnumMap<>(DeprecationValue.class);
		FuzzCases.run(ProviderHeadersFuzzTests.class, "deprecationHeaders", this::deprecationHeaders);
		assertThat(deprecationsTried).as("Deprecation values tried").containsOnlyKeys(DeprecationValue.values());
	}

	@FuzzTest
	void rateLimitHeaders(byte[] input) {
		Random random = new FuzzRandom(input);
		HttpHeaders headers = new HttpHeaders();
		int remaining = count(random, headers, "X-RateLimit-Remaining");
		int limit = count(random, headers, "X-RateLimit-Limit");
		Duration reset = null;
		if (random.nextBoolean()) {
			long seconds = random.nextInt(120);
			headers.set("X-RateLimit-Reset", String.valueOf(seconds));
			reset = Duration.ofSeconds(seconds);
		}
		else if (random.nextBoolean()) {
			headers.set("X-RateLimit-Reset", "in a minute");
		}
		ProviderHeaders.RateLimitState state = ProviderHeaders.rateLimit(headers, CLOCK);
		if (remaining < 0) {
			assertThat(state).as("%s", headers).isNull();
		}
		else {
			assertThat(state).as("%s", headers)
				.isEqualTo(new ProviderHeaders.RateLimitState(remaining, limit, reset));
		}
	}

	/** Set a count header of some kind; the count it states, or -1 when it states none. */
	private static int count(Random random, HttpHeaders headers, String name) {
		CountValue kind = FuzzBodies.pick(random, CountValue.values());
		countsTried.merge(kind, 1, Integer::sum);
		int value = random.nextInt(100_000);
		String text = switch (kind) {
			case ABSENT -> null;
			case COUNT -> String.valueOf(value);
			case PADDED -> FuzzBodies.pick(random, new String[] { " ", "\t", "" }) + "0".repeat(random.nextInt(3))
					+ value + FuzzBodies.pick(random, new String[] { " ", "\t", "" });
			case SIGNED -> "+" + value;
			case NEGATIVE -> "-" + (value + 1);
			case BEYOND_AN_INT -> String.valueOf((long) Integer.MAX_VALUE + 1 + value);
			case OTHER_DIGITS -> String.valueOf(value)
				.chars()
				.map((digit) -> FuzzBodies.pick(random, new Integer[] { 0x0660, 0x06F0, 0x0966, 0xFF10 }) + digit - '0')
				.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
				.toString();
			case FRACTION -> value + "." + random.nextInt(10);
			case TEXT -> "x" + FuzzBodies.text(random, 10);
		};
		if (text != null) {
			headers.set(name, text);
		}
		return (kind == CountValue.COUNT || kind == CountValue.PADDED) ? value : -1;
	}

	@FuzzTest
	void deprecationHeaders(byte[] input) {
		Random random = new FuzzRandom(input);
		HttpHeaders headers = new HttpHeaders();
		DeprecationValue kind = FuzzBodies.pick(random, DeprecationValue.values());
		deprecationsTried.merge(kind, 1, Integer::sum);
		String value = switch (kind) {
			case ABSENT -> null;
			case TRUE -> "true";
			case FALSE -> FuzzBodies.pick(random, new String[] { "false", "FALSE", "False" });
			case DATE -> "@" + (NOW.getEpochSecond() - random.nextInt(1_000_000));
			case OTHER -> "x" + FuzzBodies.text(random, 20);
		};
		if (value != null) {
			headers.set("Deprecation", value);
		}
		String sunset = random.nextBoolean() ? null : random.nextBoolean()
				? DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(random.nextInt(10_000_000)).atOffset(ZoneOffset.UTC))
				: FuzzBodies.text(random, 40);
		if (sunset != null) {
			headers.set("Sunset", sunset);
		}
		String version = random.nextBoolean() ? null : MoonshotApiVersion.V2026_09_01_BETA;
		DeprecationNotice notice = new DeprecationNotice(version);

		notice.observe(headers);

		boolean deprecated = kind == DeprecationValue.TRUE || kind == DeprecationValue.DATE
				|| kind == DeprecationValue.OTHER;
		assertThat(notice.announced()).as("%s", headers)
			.isEqualTo(deprecated ? new MoonshotApiDeprecation(version, sunset) : null);
	}

	/** Any bytes as each header's value: no reader throws, and what they read is within the rules. */
	@FuzzTest
	void providerHeadersRawBytes(byte[] input) {
		String value = new String(input, StandardCharsets.ISO_8859_1);
		HttpHeaders headers = new HttpHeaders();
		headers.set("X-RateLimit-Remaining", value);
		headers.set("X-RateLimit-Limit", value);
		headers.set("X-RateLimit-Reset", value);
		headers.set("Deprecation", value);
		headers.set("Sunset", value);
		ProviderHeaders.RateLimitState state = ProviderHeaders.rateLimit(headers, CLOCK);
		if (state != null) {
			assertThat(state.remaining()).isNotNegative();
			assertThat(value.strip()).as("a count is ASCII digits").matches("[0-9]+");
		}
		@Nullable Duration retryAfter = ProviderHeaders.retryAfter(value, CLOCK);
		if (retryAfter != null) {
			assertThat(retryAfter.isNegative()).as("a wait is never negative").isFalse();
		}
		new DeprecationNotice(null).observe(headers);
	}

}
