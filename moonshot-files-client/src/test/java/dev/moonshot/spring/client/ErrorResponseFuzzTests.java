package dev.moonshot.spring.client;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import dev.moonshot.spring.client.CannedConnector.Answer;
import dev.moonshot.spring.client.exception.MoonshotApiError;
import dev.moonshot.spring.client.exception.MoonshotApiException;
import dev.moonshot.spring.client.exception.MoonshotAuthenticationException;
import dev.moonshot.spring.client.exception.MoonshotBadRequestException;
import dev.moonshot.spring.client.exception.MoonshotConflictException;
import dev.moonshot.spring.client.exception.MoonshotFailedPreconditionException;
import dev.moonshot.spring.client.exception.MoonshotFileCountLimitException;
import dev.moonshot.spring.client.exception.MoonshotInvalidParameterException;
import dev.moonshot.spring.client.exception.MoonshotNotFoundException;
import dev.moonshot.spring.client.exception.MoonshotPermissionDeniedException;
import dev.moonshot.spring.client.exception.MoonshotQuotaExceededException;
import dev.moonshot.spring.client.exception.MoonshotRateLimitException;
import dev.moonshot.spring.client.exception.MoonshotServerException;
import dev.moonshot.spring.client.exception.MoonshotVersionHeaderRequiredException;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

import org.springframework.http.HttpStatusCode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decoders of failure: error bodies of every status (the provider's JSON, and whatever a gateway sends
 * instead) become the exception of their status and error type with exactly the fields the body gave, and nothing
 * else; {@code Retry-After} values are read exactly, or ignored when they are neither delay-seconds nor an HTTP date.
 * Jazzer {@link FuzzTest}s whose input drives the generators ({@link FuzzRandom}), run by every build on the committed
 * inputs and on {@value FuzzCases#CASES} generated ones, every kind of body and value tried; and a raw-bytes target.
 */
class ErrorResponseFuzzTests {

	static final String KEY = ResponseDecoderFuzzTests.KEY;

	static final CannedConnector connector = new CannedConnector();

	/** The longest backoff is what caps a {@code Retry-After} hold: 1 ms, so that a 429 holds back no later try. */
	static final MoonshotRetrySettings NO_RETRY = MoonshotRetrySettings.disabled()
		.withBackoff(Duration.ofMillis(1), Duration.ofMillis(1));

	static final MoonshotFilesClient compatible = connector.client(KEY, null, NO_RETRY);

	static final MoonshotFilesClient versioned = connector.client(KEY, MoonshotApiVersion.V2026_09_01_BETA,
			NO_RETRY);

	static final int[] STATUSES = { 400, 400, 401, 403, 404, 409, 413, 418, 422, 429, 429, 499, 500, 502, 503, 504,
			302 };

	static final String[] TYPES = { "invalid_request_error", "invalid_parameter_error", "failed_precondition_error",
			"exceeded_current_quota_error", "rate_limit_reached_error", "resource_not_found_error",
			"invalid_authentication_error", "permission_denied_error", "server_error" };

	/**
	 * What an error body says, as the exception must carry it.
	 */
	record Said(@Nullable String type, @Nullable String code, @Nullable String message, @Nullable String param,
			@Nullable String requestId) {

		static final Said NOTHING = new Said(null, null, null, null, null);

	}

	/** The kinds of error body the generator makes. */
	enum ErrorBody {

		PROVIDER_JSON, INVALID_UTF8, GATEWAY_HTML, NOT_THE_PROVIDERS_SHAPE, TRUNCATED_JSON, RANDOM_BYTES, EMPTY

	}

	/** The kinds of {@code Retry-After} value the generator makes. */
	enum RetryAfterValue {

		DELAY_SECONDS, BEYOND_A_LONG, HTTP_DATE, NEITHER

	}

	private static volatile Map<ErrorBody, Integer> bodiesTried = new EnumMap<>(ErrorBody.class);

	private static volatile Map<RetryAfterValue, Integer> valuesTried = new EnumMap<>(RetryAfterValue.class);

	@Test
	void errorResponsesBecomeTheExceptionOfTheirStatusWithExactlyTheirFields() {
		bodiesTried = new EnumMap<>(ErrorBody.class);
		FuzzCases.run(ErrorResponseFuzzTests.class, "errorResponses", this::errorResponses);
		assertThat(bodiesTried).as("error bodies tried").containsOnlyKeys(ErrorBody.values());
	}

	@Test
	void retryAfterIsReadExactlyOrIgnored() {
		valuesTried = new EnumMap<>(RetryAfterValue.class);
		FuzzCases.run(ErrorResponseFuzzTests.class, "retryAfterValues", this::retryAfterValues);
		assertThat(valuesTried).as("Retry-After values tried").containsOnlyKeys(RetryAfterValue.values());
	}

	@FuzzTest
	void errorResponses(byte[] input) {
		errorResponses(new FuzzRandom(input));
	}

	/** Any bytes as an error body of any status: the exception of the status, with the body kept masked. */
	@FuzzTest
	void errorResponsesRawBytes(byte[] input) {
		int status = STATUSES[(input.length > 0) ? (input[0] & 0xFF) % STATUSES.length : 0];
		connector.answer((uri) -> Answer.of(status, "application/json", input), new Random(input.length));
		Throwable failure = null;
		try {
			compatible.retrieve("file-1").block(ResponseDecoderFuzzTests.NO_HANG);
		}
		catch (RuntimeException ex) {
			failure = ex;
		}
		assertThat(failure).isInstanceOf(MoonshotApiException.class);
		assertThat(((MoonshotApiException) failure).getStatusCode().value()).isEqualTo(status);
		SecretAssertions.assertKeyNotQuotedIn(failure, KEY);
	}

	private static void errorResponses(Random random) {
		boolean isVersioned = random.nextBoolean();
		int status = STATUSES[random.nextInt(STATUSES.length)];
		ErrorBody kind;
		Said said;
		byte[] body;
		String contentType = "application/json";
		switch (random.nextInt(9)) {
			case 0, 1, 2, 3 -> {
				kind = ErrorBody.PROVIDER_JSON;
				said = new Said(maybe(random, () -> FuzzBodies.pick(random, TYPES)), maybe(random, () -> "code_"
						+ random.nextInt(100)), maybe(random, () -> message(random)),
						maybe(random, () -> FuzzBodies.nonBlank(random, 10)), maybe(random, () -> "req-" + random.nextInt()));
				Map<String, Object> error = new LinkedHashMap<>();
				put(error, "type", said.type());
				put(error, "code", said.code());
				put(error, "message", said.message());
				put(error, "param", said.param());
				put(error, "request_id", said.requestId());
				body = FuzzBodies.json(FuzzBodies.withNoise(Map.of("error", FuzzBodies.withNoise(error, random)), random));
				if (said.message() == null && said.type() == null) {
					// nothing that says what went wrong: the body is kept, but no field is taken from it
					said = Said.NOTHING;
				}
				else if (said.message() != null) {
					said = new Said(said.type(), said.code(), said.message().replace(KEY, SecretRedactor.MASK),
							said.param(), said.requestId());
				}
			}
			case 4 -> {
				// a message with bytes that are not UTF-8: the text is kept, with replacement characters
				kind = ErrorBody.INVALID_UTF8;
				String start = FuzzBodies.text(random, 20).replace("@", "");
				byte[] json = FuzzBodies.json(Map.of("error", Map.of("message", start + FuzzBodies.INVALID_UTF8_MARK,
						"type", "server_error")));
				body = FuzzBodies.withInvalidUtf8(json, random);
				said = new Said("server_error", null, messageOf(body), null, null);
			}
			case 5 -> {
				kind = ErrorBody.GATEWAY_HTML;
				contentType = "text/html";
				body = ("<html><body><h1>" + status + "</h1><pre>GET /v1/files HTTP/1.1\nAuthorization: Bearer " + KEY
						+ "\n</pre>" + "<p>padding</p>".repeat(random.nextInt(4000)) + "</body></html>")
					.getBytes(StandardCharsets.UTF_8);
				said = Said.NOTHING;
			}
			case 6 -> {
				kind = ErrorBody.NOT_THE_PROVIDERS_SHAPE;
				Object error = FuzzBodies.pick(random, new Object[] { "text", 5, true, new RawValue("null"),
						List.of("a"), FuzzBodies.nesting(random, 1001 + random.nextInt(5000)) });
				body = FuzzBodies.json(Map.of("error", error));
				said = Said.NOTHING;
			}
			case 7 -> {
				kind = ErrorBody.TRUNCATED_JSON;
				byte[] json = FuzzBodies.json(Map.of("error", Map.of("message", message(random), "type", "x")));
				body = FuzzBodies.mutateBytes(json, contentType, FuzzBodies.Mutation.TRUNCATED, random).bytes();
				said = Said.NOTHING;
			}
			default -> {
				kind = random.nextBoolean() ? ErrorBody.RANDOM_BYTES : ErrorBody.EMPTY;
				contentType = FuzzBodies.pick(random, new String[] { "application/json", "text/plain",
						"application/octet-stream" });
				body = (kind == ErrorBody.EMPTY) ? new byte[0] : FuzzBodies.randomBytes(random);
				said = Said.NOTHING;
			}
		}
		bodiesTried.merge(kind, 1, Integer::sum);
		String headerRequestId = maybe(random, () -> "hdr-" + random.nextInt(1000));
		Long retryAfter = (status == 429 && random.nextBoolean()) ? (long) random.nextInt(121) : null;
		Answer answer = Answer.of(status, contentType, body);
		if (headerRequestId != null) {
			answer = answer.withHeader("Msh-Request-Id", headerRequestId);
		}
		if (retryAfter != null) {
			answer = answer.withHeader("Retry-After", String.valueOf(retryAfter));
		}
		Answer scripted = answer;
		connector.answer((uri) -> scripted, random);
		MoonshotFilesClient client = isVersioned ? versioned : compatible;
		Mono<?> call = switch (random.nextInt(4)) {
			case 0 -> client.delete("file-1");
			case 1 -> client.retrieve("file-1");
			case 2 -> client.content("file-1");
			default -> client.list();
		};
		Throwable failure = null;
		try {
			call.block(ResponseDecoderFuzzTests.NO_HANG);
		}
		catch (RuntimeException ex) {
			failure = ex;
		}
		String description = kind + " " + status + ": " + new String(body, StandardCharsets.UTF_8);
		assertThat(failure).as("an error answer must fail the call: %s", description).isNotNull();
		assertThat(failure).as(description).isExactlyInstanceOf(expectedType(status, said, isVersioned));
		MoonshotApiException api = (MoonshotApiException) failure;
		assertThat(api.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(status));
		assertThat(api.getErrorType()).as(description).isEqualTo(said.type());
		assertThat(api.getErrorCode()).as(description).isEqualTo(said.code());
		assertThat(api.getProviderMessage()).as(description).isEqualTo(said.message());
		assertThat(api.getParam()).as(description).isEqualTo(said.param());
		assertThat(api.getRequestId()).as(description)
			.isEqualTo((headerRequestId != null) ? headerRequestId : said.requestId());
		String text = masked(new String(body, 0, Math.min(body.length, ErrorResponses.MAX_BODY_BYTES),
				StandardCharsets.UTF_8));
		assertThat(api.getResponseBody()).as(description)
			.isEqualTo(text.substring(0, Math.min(text.length(), MoonshotApiError.MAX_BODY_CHARS)));
		if (api instanceof MoonshotRateLimitException rateLimited) {
			assertThat(rateLimited.getRetryAfter())
				.isEqualTo((retryAfter != null) ? Duration.ofSeconds(retryAfter) : null);
		}
		SecretAssertions.assertKeyNotQuotedIn(failure, KEY);
	}

	/** The key masked, and a start of it (four characters or more) where the body was cut in it. */
	private static String masked(String text) {
		String masked = text.replace(KEY, SecretRedactor.MASK);
		for (int length = KEY.length() - 1; length >= SecretRedactor.MIN_FRAGMENT; length--) {
			if (masked.endsWith(KEY.substring(0, length))) {
				return masked.substring(0, masked.length() - length) + SecretRedactor.MASK;
			}
		}
		return masked;
	}

	/** The one mapping of status and error type to exception type, as the README documents it. */
	private static Class<?> expectedType(int status, Said said, boolean isVersioned) {
		String message = (said.message() != null) ? said.message().toLowerCase(Locale.ROOT) : "";
		return switch (status) {
			case 400 -> {
				if (message.contains("max file count")) {
					yield MoonshotFileCountLimitException.class;
				}
				if ("invalid_parameter_error".equals(said.type())) {
					yield MoonshotInvalidParameterException.class;
				}
				if ("failed_precondition_error".equals(said.type())) {
					yield MoonshotFailedPreconditionException.class;
				}
				if (!isVersioned && message.contains("missing required header kimi-api-version")) {
					yield MoonshotVersionHeaderRequiredException.class;
				}
				yield MoonshotBadRequestException.class;
			}
			case 401 -> MoonshotAuthenticationException.class;
			case 403 -> MoonshotPermissionDeniedException.class;
			case 404 -> MoonshotNotFoundException.class;
			case 409 -> MoonshotConflictException.class;
			case 429 -> "exceeded_current_quota_error".equals(said.type()) ? MoonshotQuotaExceededException.class
					: MoonshotRateLimitException.class;
			case 499, 500, 502, 503, 504 -> MoonshotServerException.class;
			default -> MoonshotApiException.class;
		};
	}

	/** A provider's message: text, at times with the phrases that pick a type, at times echoing the key. */
	private static String message(Random random) {
		String text = FuzzBodies.text(random, 80);
		return switch (random.nextInt(8)) {
			case 0 -> "Max file count exceeded: " + text;
			case 1 -> "Missing required header kimi-api-version " + text;
			case 2 -> "invalid key " + KEY + " " + text;
			default -> text;
		};
	}

	/** The message as the lenient reading of the body gives it: each invalid byte a replacement character. */
	private static String messageOf(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8);
		int from = text.indexOf("\"message\":\"") + "\"message\":\"".length();
		int to = text.indexOf("z\"", from) + 1;
		return JsonMapper.builder().build().readValue("\"" + text.substring(from, to) + "\"", String.class);
	}

	private static void put(Map<String, Object> map, String name, @Nullable String value) {
		if (value != null) {
			map.put(name, value);
		}
	}

	private static @Nullable String maybe(Random random, Supplier<String> value) {
		return random.nextBoolean() ? value.get() : null;
	}

	// ---- Retry-After

	/** Where the clock of the translator stands: a fraction of a second into a day of the week. */
	static final Instant NOW = Instant.parse("2026-12-02T15:04:05.250Z");

	static final MoonshotExceptionTranslator translator = new MoonshotExceptionTranslator(
			Clock.fixed(NOW, ZoneOffset.UTC), new SecretRedactor(KEY), null, true);

	@FuzzTest
	void retryAfterValues(byte[] input) {
		retryAfterValues(new FuzzRandom(input));
	}

	private static void retryAfterValues(Random random) {
		String value;
		Duration expected;
		switch (random.nextInt(6)) {
			case 0, 1 -> {
				long seconds = random.nextBoolean() ? random.nextInt(300) : random.nextLong() & Long.MAX_VALUE;
				value = pad(random, "0".repeat(random.nextInt(3)) + seconds);
				expected = Duration.ofSeconds(seconds);
				valuesTried.merge(RetryAfterValue.DELAY_SECONDS, 1, Integer::sum);
			}
			case 2 -> {
				value = pad(random, "1" + "0".repeat(19 + random.nextInt(40)));
				expected = Duration.ofSeconds(Long.MAX_VALUE);
				valuesTried.merge(RetryAfterValue.BEYOND_A_LONG, 1, Integer::sum);
			}
			case 3, 4 -> {
				Instant at = NOW.plusSeconds(random.nextInt(2 * 3650 * 86400) - 3650L * 86400).truncatedTo(ChronoUnit.SECONDS);
				value = pad(random, DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC)));
				Duration wait = Duration.between(NOW, at);
				expected = wait.isNegative() ? Duration.ZERO : wait;
				valuesTried.merge(RetryAfterValue.HTTP_DATE, 1, Integer::sum);
			}
			default -> {
				value = garbage(random);
				expected = null;
				valuesTried.merge(RetryAfterValue.NEITHER, 1, Integer::sum);
			}
		}
		assertThat(ProviderHeaders.retryAfter(value, Clock.fixed(NOW, ZoneOffset.UTC))).as("Retry-After: [%s]", value).isEqualTo(expected);
	}

	private static String pad(Random random, String value) {
		return switch (random.nextInt(4)) {
			case 0 -> " " + value;
			case 1 -> value + "\t";
			default -> value;
		};
	}

	/** Neither delay-seconds nor an IMF-fixdate: each is ignored, the client's own backoff applies. */
	private static String garbage(Random random) {
		String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.atOffset(ZoneOffset.UTC));
		return switch (random.nextInt(12)) {
			case 0 -> "-" + random.nextInt(100);
			case 1 -> random.nextInt(100) + "." + random.nextInt(10);
			case 2 -> random.nextInt(100) + "s";
			case 3 -> "\u0663\u0660";
			case 4 -> "0x1F";
			case 5 -> date.replace("Wed", "Mon");
			case 6 -> date.replace("Dec", "Foo");
			case 7 -> date.replace(" GMT", "");
			case 8 -> "Wednesday, 02-Dec-26 15:04:05 GMT";
			case 9 -> "Wed Dec  2 15:04:05 2026";
			case 10 -> "1 2";
			default -> "x" + FuzzBodies.text(random, 30);
		};
	}

}
