package dev.moonshot.spring.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.moonshot.spring.client.exception.MoonshotAuthenticationException;
import dev.moonshot.spring.client.exception.MoonshotServerException;
import dev.moonshot.spring.client.model.ApiKeyInUse;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Keys that change while the client runs: each attempt sends the key its {@link MoonshotCredentials} have then, a
 * {@code 401} for a key already replaced is repeated once with the new one, and every key used stays secret.
 */
class DefaultMoonshotFilesClientCredentialsTests {

	private static final String OLD_KEY = "sk-old-3f1c9a7e5b2d4086a1c3e5f7092b4d6f";

	private static final String NEW_KEY = "sk-new-8e2b4d6f0a1c3e5f7092b4d6f3f1c9a7";

	private static final String DELETED = "{\"id\":\"file-1\",\"object\":\"file\",\"deleted\":true}";

	private static final String UNAUTHORIZED = "{\"error\":{\"message\":\"Invalid Authentication\","
			+ "\"type\":\"invalid_authentication_error\"}}";

	@RegisterExtension
	static WireMockExtension wiremock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	@RegisterExtension
	final DebugLogs logs = new DebugLogs();

	private final List<String> retryEvents = new CopyOnWriteArrayList<>();

	@Test
	void eachCallSendsTheKeyTheCredentialsHaveThen() {
		wiremock.stubFor(delete("/v1/files/file-1").willReturn(okJson(DELETED)));
		AtomicReference<String> key = new AtomicReference<>(OLD_KEY);
		MoonshotFilesClient client = client(key::get, MoonshotRetrySettings.disabled());

		client.delete("file-1").block();
		key.set(NEW_KEY);
		client.delete("file-1").block();

		assertThat(authorizations()).containsExactly("Bearer " + OLD_KEY, "Bearer " + NEW_KEY);
	}

	@Test
	void aRetrySendsTheKeyOfItsOwnTime() {
		wiremock.stubFor(delete("/v1/files/file-1").inScenario("outage")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("recovered"));
		wiremock.stubFor(delete("/v1/files/file-1").inScenario("outage")
			.whenScenarioStateIs("recovered")
			.willReturn(okJson(DELETED)));
		// read at build, by the first attempt, then the rotated key
		MoonshotFilesClient client = client(sequence(OLD_KEY, OLD_KEY, NEW_KEY), fastRetries());

		client.delete("file-1").block();

		assertThat(authorizations()).containsExactly("Bearer " + OLD_KEY, "Bearer " + NEW_KEY);
	}

	@Test
	void a401ForAKeyAlreadyReplacedIsRepeatedOnceAtOnceWithTheNewKeyWithoutSpendingTheBudget() {
		wiremock.stubFor(delete("/v1/files/file-1").withHeader("Authorization", equalTo("Bearer " + OLD_KEY))
			.willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody(UNAUTHORIZED)));
		wiremock.stubFor(delete("/v1/files/file-1").withHeader("Authorization", equalTo("Bearer " + NEW_KEY))
			.willReturn(okJson(DELETED)));
		// a budget of one token that no success refills, and retries that would wait a minute: the repeat takes
		// neither the token nor the wait, and is made although retries are off
		MoonshotRetrySettings noRoom = MoonshotRetrySettings.defaults()
			.withBudget(1, 0)
			.withBackoff(Duration.ofMinutes(1), Duration.ofMinutes(1));
		MoonshotFilesClient client = client(sequence(OLD_KEY, OLD_KEY, NEW_KEY), noRoom.withEnabled(false));

		assertThat(client.delete("file-1").block(Duration.ofSeconds(10)).deleted()).isTrue();

		assertThat(authorizations()).containsExactly("Bearer " + OLD_KEY, "Bearer " + NEW_KEY);
		assertThat(this.retryEvents).containsExactly("retry key_rotated");
	}

	@Test
	void theRotationRepeatDoesNotTakeARetryToken() {
		wiremock.stubFor(delete("/v1/files/file-1").withHeader("Authorization", equalTo("Bearer " + OLD_KEY))
			.willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody(UNAUTHORIZED)));
		wiremock.stubFor(delete("/v1/files/file-1").withHeader("Authorization", equalTo("Bearer " + NEW_KEY))
			.inScenario("outage")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("recovered"));
		wiremock.stubFor(delete("/v1/files/file-1").withHeader("Authorization", equalTo("Bearer " + NEW_KEY))
			.inScenario("outage")
			.whenScenarioStateIs("recovered")
			.willReturn(okJson(DELETED)));
		// one token: the 503 after the repeat can still be retried only if the repeat did not take it
		MoonshotFilesClient client = client(sequence(OLD_KEY, OLD_KEY, NEW_KEY), fastRetries().withBudget(1, 0));

		assertThat(client.delete("file-1").block(Duration.ofSeconds(10)).deleted()).isTrue();

		assertThat(authorizations()).containsExactly("Bearer " + OLD_KEY, "Bearer " + NEW_KEY, "Bearer " + NEW_KEY);
		assertThat(this.retryEvents).containsExactly("retry key_rotated", "retry unavailable");
	}

	@Test
	void a401ForTheCurrentKeyIsAnAuthenticationFailureAndNotRepeated() {
		wiremock.stubFor(delete("/v1/files/file-1")
			.willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody(UNAUTHORIZED)));
		MoonshotFilesClient client = client(() -> OLD_KEY, fastRetries());

		MoonshotAuthenticationException failure = catchThrowableOfType(MoonshotAuthenticationException.class,
				() -> client.delete("file-1").block(Duration.ofSeconds(10)));

		assertThat(failure.getAttempts()).isEqualTo(1);
		wiremock.verify(1, anyRequestedFor(anyUrl()));
		assertThat(this.retryEvents).isEmpty();
	}

	@Test
	void aCallRepeatsForANewerKeyOnlyOnce() {
		wiremock.stubFor(delete("/v1/files/file-1")
			.willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody(UNAUTHORIZED)));
		AtomicInteger reads = new AtomicInteger();
		// a new key at every read: each rejected attempt finds a newer key, yet the call repeats once
		MoonshotFilesClient client = client(() -> "sk-key-number-" + reads.incrementAndGet(), fastRetries());

		MoonshotAuthenticationException failure = catchThrowableOfType(MoonshotAuthenticationException.class,
				() -> client.delete("file-1").block(Duration.ofSeconds(10)));

		assertThat(failure.getAttempts()).isEqualTo(2);
		wiremock.verify(2, anyRequestedFor(anyUrl()));
	}

	@Test
	void credentialsWithoutAUsableKeyLeaveTheLastGoodKeyInUseAndAreWarnedOfOnce() {
		wiremock.stubFor(delete("/v1/files/file-1").willReturn(okJson(DELETED)));
		AtomicReference<Supplier<String>> answer = new AtomicReference<>(() -> OLD_KEY);
		MoonshotFilesClient client = client(() -> answer.get().get(), MoonshotRetrySettings.disabled());

		for (Supplier<String> bad : List.<Supplier<String>>of(() -> null, () -> "  ", () -> "sk-line\nbreak", () -> {
			throw new IllegalStateException("vault sealed");
		})) {
			answer.set(bad);
			client.delete("file-1").block();
		}
		answer.set(() -> NEW_KEY);
		client.delete("file-1").block();

		assertThat(authorizations()).containsExactly("Bearer " + OLD_KEY, "Bearer " + OLD_KEY, "Bearer " + OLD_KEY,
				"Bearer " + OLD_KEY, "Bearer " + NEW_KEY);
		List<String> warnings = this.logs.rendered().stream().filter((line) -> line.startsWith("WARN")).toList();
		assertThat(warnings).hasSize(1);
		assertThat(warnings.get(0)).contains("gave no usable API key (the key is null)")
			.contains(ApiKeyInUse.fingerprintOf(OLD_KEY));
		assertThat(String.join("\n", this.logs.rendered())).doesNotContain(OLD_KEY).doesNotContain(NEW_KEY);
	}

	@Test
	void anEchoOfAnEarlierKeyIsMaskedToo() {
		wiremock.stubFor(delete("/v1/files/file-1").willReturn(okJson(DELETED)));
		AtomicReference<String> key = new AtomicReference<>(OLD_KEY);
		MoonshotFilesClient client = client(key::get, MoonshotRetrySettings.disabled());
		client.delete("file-1").block();
		key.set(NEW_KEY);
		wiremock.stubFor(delete("/v1/files/file-1").willReturn(aResponse().withStatus(502)
			.withHeader("Content-Type", "text/plain")
			.withBody("proxy log: earlier Authorization: Bearer " + OLD_KEY + ", now Bearer " + NEW_KEY + ", cut "
					+ OLD_KEY.substring(0, 12))));

		MoonshotServerException failure = catchThrowableOfType(MoonshotServerException.class,
				() -> client.delete("file-1").block(Duration.ofSeconds(10)));

		SecretAssertions.assertKeyNotQuotedIn(failure, OLD_KEY);
		SecretAssertions.assertKeyNotQuotedIn(failure, NEW_KEY);
		assertThat(failure.getResponseBody()).contains("[REDACTED]");
	}

	@Test
	void theKeyInUseIsToldByItsFingerprintAndSinceWhen() {
		AtomicReference<String> key = new AtomicReference<>(OLD_KEY);
		MoonshotFilesClient client = client(key::get, MoonshotRetrySettings.disabled());
		ApiKeyInUse first = client.apiKeyInUse();
		assertThat(client.apiKeyInUse()).isEqualTo(first);

		key.set("  " + NEW_KEY + "\n");
		ApiKeyInUse second = client.apiKeyInUse();

		assertThat(first.fingerprint()).isEqualTo(ApiKeyInUse.fingerprintOf(OLD_KEY)).hasSize(8).matches("[0-9a-f]{8}");
		assertThat(second.fingerprint()).isEqualTo(ApiKeyInUse.fingerprintOf(NEW_KEY)).isNotEqualTo(first.fingerprint());
		assertThat(second.since()).isAfterOrEqualTo(first.since());
		assertThat(first.toString() + second).doesNotContain("sk-");
	}

	@Test
	void theFingerprintIsTheStartOfTheKeysSha256() {
		// computed apart: printf %s sk-moonshot-fake-key | sha256sum | cut -c1-8
		assertThat(ApiKeyInUse.fingerprintOf("sk-moonshot-fake-key")).isEqualTo("bba26b5e");
	}

	@Test
	void credentialsWithoutAFirstKeyFailTheBuildWithoutQuotingIt() {
		assertThatIllegalStateException().isThrownBy(() -> client(() -> null, MoonshotRetrySettings.disabled()))
			.withMessageStartingWith("A Moonshot API key is required: call apiKey(...) or credentials(...)");
		assertThatIllegalStateException()
			.isThrownBy(() -> client(() -> "sk-two words-secret", MoonshotRetrySettings.disabled()))
			.withMessageContaining("position 7 of 19")
			.withMessageNotContaining("secret");
		assertThatIllegalStateException().isThrownBy(() -> client(() -> {
			throw new IllegalStateException("sk-in-the-message");
		}, MoonshotRetrySettings.disabled())).withMessageNotContaining("sk-in-the-message");
		assertThatIllegalArgumentException().isThrownBy(() -> MoonshotCredentials.of(" "));
		assertThat(MoonshotCredentials.of(OLD_KEY)).hasToString("MoonshotCredentials[apiKey=******]");
		assertThat(MoonshotFilesClient.builder().credentials(() -> OLD_KEY).toString()).doesNotContain(OLD_KEY);
	}

	private MoonshotFilesClient client(MoonshotCredentials credentials, MoonshotRetrySettings retry) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onEvent(Observation.Event event, Observation.Context context) {
				DefaultMoonshotFilesClientCredentialsTests.this.retryEvents.add(event.getContextualName());
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof MoonshotClientObservationContext;
			}

		});
		return MoonshotFilesClient.builder()
			.credentials(credentials)
			.baseUrl(wiremock.baseUrl())
			.allowInsecureHttp(true)
			.retry(retry)
			.observationRegistry(registry)
			.build();
	}

	private static MoonshotRetrySettings fastRetries() {
		return MoonshotRetrySettings.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(20)).withJitter(0);
	}

	/** Credentials that give each key once, in turn, then the last one for ever. */
	private static MoonshotCredentials sequence(String... keys) {
		AtomicInteger reads = new AtomicInteger();
		return () -> keys[Math.min(reads.getAndIncrement(), keys.length - 1)];
	}

	private static List<String> authorizations() {
		// newest first, as WireMock keeps them
		List<String> sent = new ArrayList<>(wiremock.getAllServeEvents()
			.stream()
			.map(ServeEvent::getRequest)
			.map(LoggedRequest::getHeaders)
			.map((headers) -> headers.getHeader("Authorization").firstValue())
			.toList());
		Collections.reverse(sent);
		return sent;
	}

}
