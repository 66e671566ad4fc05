package dev.moonshot.spring.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.moonshot.spring.client.exception.MoonshotApiError;
import dev.moonshot.spring.client.exception.MoonshotApiException;
import dev.moonshot.spring.client.exception.MoonshotBadRequestException;
import dev.moonshot.spring.client.exception.MoonshotException;
import dev.moonshot.spring.client.exception.MoonshotNotFoundException;
import dev.moonshot.spring.client.exception.MoonshotQuotaExceededException;
import dev.moonshot.spring.client.exception.MoonshotServerException;
import dev.moonshot.spring.client.exception.MoonshotTimeoutException;
import dev.moonshot.spring.client.exception.MoonshotTransportException;
import dev.moonshot.spring.client.model.FileDeleteResponse;
import dev.moonshot.spring.client.model.FileObject;
import dev.moonshot.spring.client.model.FilePurpose;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The fault matrix: every case ends recovered or in the expected typed exception, within the deadline, with the
 * exact number of attempts, and leaves no connection checked out of the pool.
 */
class DefaultMoonshotFilesClientFaultTests {

	static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(1);

	static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

	/** Short waits so that the matrix runs in seconds; the waits themselves are tested in virtual time. */
	static final MoonshotRetrySettings RETRY = MoonshotRetrySettings.defaults()
		.withBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
		.withJitter(0);

	static final Map<String, ConnectionPoolMetrics> pools = new ConcurrentHashMap<>();

	static final ConnectionProvider connections = ConnectionProvider.builder("fault-matrix")
		.maxConnections(200)
		.metrics(true, () -> (poolName, id, address, metrics) -> pools.put(id + address, metrics))
		.build();

	@RegisterExtension
	static WireMockExtension wiremock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").containerThreads(120))
		.build();

	private MoonshotFilesClient client = client(RETRY);

	private static MoonshotFilesClient client(MoonshotRetrySettings retry) {
		return MoonshotFilesClient.builder()
			.apiKey("sk-faults")
			.baseUrl(wiremock.baseUrl())
			.webClientBuilder(WebClient.builder().clientConnector(new ReactorClientHttpConnector(
					HttpClient.create(connections))))
			.responseTimeout(RESPONSE_TIMEOUT)
			.callTimeout(CALL_TIMEOUT)
			.retry(retry)
			.build();
	}

	/**
	 * A first request in a cold JVM can take longer than the response timeout, and a timed-out attempt changes what
	 * a later 404 means: warm up first.
	 */
	@BeforeAll
	static void warmUp() {
		wiremock.stubFor(get("/v1/files").willReturn(okJson("{\"data\":[]}")));
		client(MoonshotRetrySettings.disabled()).list().block(Duration.ofSeconds(30));
		wiremock.resetAll();
	}

	@AfterEach
	void noConnectionIsLeftCheckedOut() {
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(pools.values()).allSatisfy(
					(pool) -> assertThat(pool.acquiredSize()).as("connections checked out").isZero()));
	}

	/** The two operations of the matrix: a delete, and a read. */
	enum Call {

		DELETE("/v1/files/file-1", (path) -> delete(path), (client) -> client.delete("file-1")),

		LIST("/v1/files", (path) -> get(path), (client) -> client.list());

		final String path;

		final Function<String, MappingBuilder> stub;

		final Function<MoonshotFilesClient, Mono<?>> invoke;

		Call(String path, Function<String, MappingBuilder> stub, Function<MoonshotFilesClient, Mono<?>> invoke) {
			this.path = path;
			this.stub = stub;
			this.invoke = invoke;
		}

		String okBody() {
			return (this == DELETE) ? "{\"id\":\"file-1\",\"object\":\"file\",\"deleted\":true}"
					: "{\"object\":\"list\",\"data\":[]}";
		}

	}

	@ParameterizedTest
	@EnumSource(Call.class)
	void connectionResetGivesUpAfterMaxAttempts(Call call) {
		expectGivesUp(call, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), MoonshotTransportException.class);
	}

	@ParameterizedTest
	@EnumSource(Call.class)
	void emptyResponse(Call call) {
		expectGivesUp(call, aResponse().withFault(Fault.EMPTY_RESPONSE), MoonshotTransportException.class);
	}

	@ParameterizedTest
	@EnumSource(Call.class)
	void malformedChunk(Call call) {
		expectGivesUp(call, aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK), MoonshotTransportException.class);
	}

	@ParameterizedTest
	@EnumSource(Call.class)
	void randomDataThenClose(Call call) {
		expectGivesUp(call, aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE), MoonshotTransportException.class);
	}

	@ParameterizedTest
	@EnumSource(Call.class)
	void slowerThanTheResponseTimeout(Call call) {
		MoonshotTimeoutException ex = expectGivesUp(call, okJson(call.okBody()).withFixedDelay(3_000),
				MoonshotTimeoutException.class);
		assertThat(ex.getTimeoutType()).isEqualTo(MoonshotTimeoutException.TimeoutType.RESPONSE);
		assertThat(ex.getTimeout()).isEqualTo(RESPONSE_TIMEOUT);
	}

	@ParameterizedTest
	@EnumSource(Call.class)
	void serviceUnavailableThenOkSucceedsOnTheSecondAttempt(Call call) {
		wiremock.stubFor(call.stub.apply(call.path)
			.inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("recovered"));
		wiremock.stubFor(call.stub.apply(call.path)
			.inScenario("flaky")
			.whenScenarioStateIs("recovered")
			.willReturn(okJson(call.okBody())));

		assertThat(call.invoke.apply(this.client).block(CALL_TIMEOUT)).isNotNull();

		wiremock.verify(2, anyRequestedFor(urlPathEqualTo(call.path)));
	}

	@ParameterizedTest
	@EnumSource(Call.class)
	void serviceUnavailableAlwaysGivesUp(Call call) {
		MoonshotServerException ex = expectGivesUp(call, aResponse().withStatus(503), MoonshotServerException.class);
		assertThat(ex.getStatusCode().value()).isEqualTo(503);
	}

	@ParameterizedTest
	@EnumSource(Call.class)
	void retryAfterIsCappedByMaxBackoff(Call call) {
		rateLimitedOnce(call, "86400");
		long started = System.nanoTime();

		assertThat(call.invoke.apply(this.client).block(CALL_TIMEOUT)).isNotNull();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not a day").isLessThan(Duration.ofSeconds(5));
		wiremock.verify(2, anyRequestedFor(urlPathEqualTo(call.path)));
	}

	@Test
	void retryAfterOfTwoSecondsIsHonoured() {
		rateLimitedOnce(Call.DELETE, "2");
		MoonshotFilesClient patient = client(RETRY.withBackoff(Duration.ofMillis(20), Duration.ofSeconds(3)));

		assertThat(patient.delete("file-1").block(CALL_TIMEOUT).deleted()).isTrue();

		var events = wiremock.getAllServeEvents();
		assertThat(events).hasSize(2);
		long first = events.stream().mapToLong((event) -> event.getRequest().getLoggedDate().getTime()).min().getAsLong();
		long second = events.stream().mapToLong((event) -> event.getRequest().getLoggedDate().getTime()).max().getAsLong();
		assertThat(second - first).as("ms between the attempts").isGreaterThanOrEqualTo(2_000);
	}

	@ParameterizedTest
	@EnumSource(Call.class)
	void exceededQuotaIsNeverRetried(Call call) {
		wiremock.stubFor(call.stub.apply(call.path).willReturn(aResponse().withStatus(429)
			.withHeader("Retry-After", "1")
			.withBody("{\"error\":{\"message\":\"Your account is suspended\",\"type\":\"exceeded_current_quota_error\"}}")));

		assertThatExceptionOfType(MoonshotQuotaExceededException.class)
			.isThrownBy(() -> call.invoke.apply(this.client).block(CALL_TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getAttempts()).isEqualTo(1));

		wiremock.verify(1, anyRequestedFor(anyUrl()));
	}

	@ParameterizedTest
	@EnumSource(Call.class)
	void hugeErrorBodyIsReadOnlyUpToTheCap(Call call) {
		String body = "<html>" + "x".repeat(20 * 1024 * 1024) + "</html>";
		wiremock.stubFor(call.stub.apply(call.path).willReturn(aResponse().withStatus(400).withBody(body)));

		assertThatExceptionOfType(MoonshotBadRequestException.class)
			.isThrownBy(() -> call.invoke.apply(this.client).block(CALL_TIMEOUT))
			.satisfies((ex) -> {
				assertThat(ex.getResponseBody()).hasSize(MoonshotApiError.MAX_BODY_CHARS).startsWith("<html>xxx");
				assertThat(ex.getMessage()).hasSizeLessThan(400);
			});
	}

	/** The server can write only what the client reads, plus the sockets' buffers: never the whole 20 MiB. */
	@Test
	void hugeErrorBodyIsNotDownloaded() {
		long chunk = 64 * 1024;
		long chunks = 320;
		AtomicLong written = new AtomicLong();
		try (LoopbackHttpServer server = new LoopbackHttpServer((request, response) -> response.status(500)
			.send(Flux.range(0, (int) chunks)
				.map((i) -> Unpooled.wrappedBuffer(new byte[(int) chunk]))
				.doOnNext((buffer) -> written.addAndGet(chunk)))
			.then())) {
			MoonshotFilesClient direct = MoonshotFilesClient.builder()
				.apiKey("sk-faults")
				.baseUrl(server.baseUrl())
				.retry(MoonshotRetrySettings.disabled())
				.build();

			assertThatExceptionOfType(MoonshotServerException.class).isThrownBy(() -> direct.list().block(CALL_TIMEOUT));
		}
		assertThat(written.get()).isLessThan(chunk * chunks / 2);
	}

	@Test
	void deleteThatGetsNotFoundAfterAnUnansweredAttemptWasDeleted() {
		wiremock.stubFor(delete("/v1/files/file-1").inScenario("lost answer")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson("{\"id\":\"f\",\"object\":\"file\",\"deleted\":true}").withFixedDelay(2_000))
			.willSetStateTo("deleted"));
		wiremock.stubFor(delete("/v1/files/file-1").inScenario("lost answer")
			.whenScenarioStateIs("deleted")
			.willReturn(aResponse().withStatus(404)
				.withHeader("Msh-Request-Id", "req-404")
				.withBody("{\"error\":{\"message\":\"File not found\",\"type\":\"resource_not_found_error\"}}")));

		assertThat(this.client.delete("file-1").block(CALL_TIMEOUT))
			.isEqualTo(new FileDeleteResponse("file-1", "file", true, "req-404"));
		assertThat(this.client.deleteIfExists("file-1").block(CALL_TIMEOUT)).as("a plain 404 is still absent").isFalse();
	}

	@Test
	void plainNotFoundIsNotFound() {
		wiremock.stubFor(delete("/v1/files/file-1").willReturn(aResponse().withStatus(404)));

		assertThatExceptionOfType(MoonshotNotFoundException.class)
			.isThrownBy(() -> this.client.delete("file-1").block(CALL_TIMEOUT));
	}

	@Test
	void connectTimeout() throws Exception {
		try (SilentListener silent = new SilentListener()) {
			MoonshotFilesClient client = MoonshotFilesClient.builder()
				.apiKey("sk-faults")
				.baseUrl(silent.baseUrl())
				.connectTimeout(Duration.ofMillis(300))
				.retry(MoonshotRetrySettings.disabled())
				.build();

			assertThatExceptionOfType(MoonshotTimeoutException.class)
				.isThrownBy(() -> client.list().block(CALL_TIMEOUT))
				.satisfies((ex) -> {
					assertThat(ex.getTimeoutType()).isEqualTo(MoonshotTimeoutException.TimeoutType.CONNECT);
					assertThat(ex.getTimeout()).isEqualTo(Duration.ofMillis(300));
					assertThat(ex.getMessage()).contains("could not connect within the connect timeout of 300 ms")
						.contains("moonshot.connect-timeout");
				});
		}
	}

	@Test
	void redirectsAreNotFollowed() {
		wiremock.stubFor(delete("/v1/files/file-1").willReturn(aResponse().withStatus(307)
			.withHeader("Location", "http://127.0.0.2:" + wiremock.getPort() + "/v1/files/file-1")));

		assertThatExceptionOfType(MoonshotApiException.class)
			.isThrownBy(() -> client(MoonshotRetrySettings.disabled()).delete("file-1").block(CALL_TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(307));
		wiremock.verify(1, anyRequestedFor(anyUrl()));
	}

	@Test
	void callTimeoutEndsTheWholeCall() {
		wiremock.stubFor(get("/v1/files").willReturn(okJson("{}").withFixedDelay(5_000)));
		MoonshotFilesClient client = MoonshotFilesClient.builder()
			.apiKey("sk-faults")
			.baseUrl(wiremock.baseUrl())
			.responseTimeout(Duration.ofSeconds(3))
			.callTimeout(Duration.ofMillis(500))
			.retry(RETRY)
			.build();

		assertThatExceptionOfType(MoonshotTimeoutException.class).isThrownBy(() -> client.list().block(CALL_TIMEOUT))
			.satisfies((ex) -> {
				assertThat(ex.getTimeoutType()).isEqualTo(MoonshotTimeoutException.TimeoutType.CALL);
				assertThat(ex.getTimeout()).isEqualTo(Duration.ofMillis(500));
				assertThat(ex.getMessage()).isEqualTo("Moonshot GET /v1/files got no complete response within the "
						+ "call timeout of 500 ms (moonshot.call-timeout)");
			});
	}

	@Test
	void uploadIsRetriedWhenServiceUnavailableAndReadsItsSourceAgain() {
		byte[] content = "%PDF-1.7 retry me".getBytes(StandardCharsets.US_ASCII);
		wiremock.stubFor(post("/v1/files").inScenario("upload")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("up"));
		wiremock.stubFor(post("/v1/files").inScenario("upload")
			.whenScenarioStateIs("up")
			.willReturn(okJson("{\"id\":\"f-up\",\"object\":\"file\",\"bytes\":17,\"created_at\":1,\"filename\":\"a.pdf\","
					+ "\"purpose\":\"file-extract\",\"status\":\"ok\"}")));

		FileObject file = this.client.upload(pdf(content), FilePurpose.FILE_EXTRACT).block(CALL_TIMEOUT);

		assertThat(file.id()).isEqualTo("f-up");
		wiremock.verify(2, postRequestedFor(urlPathEqualTo("/v1/files"))
			.withRequestBodyPart(aMultipart().withName("file").withBody(binaryEqualTo(content)).build()));
	}

	@Test
	void uploadIsNotRetriedAfterAServerError() {
		wiremock.stubFor(post("/v1/files").willReturn(aResponse().withStatus(500)));

		assertThatExceptionOfType(MoonshotServerException.class)
			.isThrownBy(() -> this.client.upload(pdf(new byte[] { 1 }), FilePurpose.FILE_EXTRACT).block(CALL_TIMEOUT));

		wiremock.verify(1, anyRequestedFor(anyUrl()));
	}

	@Test
	void uploadIsNotRetriedAfterAReset() {
		wiremock.stubFor(post("/v1/files").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		assertThatExceptionOfType(MoonshotTransportException.class)
			.isThrownBy(() -> this.client.upload(pdf(new byte[] { 1 }), FilePurpose.FILE_EXTRACT).block(CALL_TIMEOUT));

		wiremock.verify(1, anyRequestedFor(anyUrl()));
	}

	@Test
	void uploadIsNotRetriedAfterATimeout() {
		wiremock.stubFor(post("/v1/files").willReturn(okJson("{}").withFixedDelay(3_000)));
		MoonshotFilesClient client = MoonshotFilesClient.builder()
			.apiKey("sk-faults")
			.baseUrl(wiremock.baseUrl())
			.uploadTimeout(Duration.ofSeconds(1))
			.retry(RETRY)
			.build();

		assertThatExceptionOfType(MoonshotTimeoutException.class)
			.isThrownBy(() -> client.upload(pdf(new byte[] { 1 }), FilePurpose.FILE_EXTRACT).block(CALL_TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("upload timeout of 1000 ms (moonshot.upload-timeout)"));

		wiremock.verify(1, anyRequestedFor(anyUrl()));
	}

	/**
	 * With the provider failing every call, a crowd of callers sends its first attempts and then only as many
	 * retries as the budget holds: 100 calls with up to 3 attempts each make 120 requests, not 300.
	 */
	@Test
	void retryBudgetKeepsAnOutageFromBeingAmplified() {
		wiremock.stubFor(delete(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/v1/files/.*"))
			.willReturn(aResponse().withStatus(503)));
		// time limits far beyond what 100 requests need, even queued on a busy machine: this test is about the budget
		MoonshotFilesClient client = client(RETRY.withBudget(20, 0.1)).mutate()
			.responseTimeout(Duration.ofMinutes(1))
			.callTimeout(Duration.ofMinutes(2))
			.build();

		Long failed = Flux.range(0, 100)
			.flatMap((i) -> client.delete("file-" + i).map((r) -> 0L).onErrorResume(MoonshotServerException.class,
					(ex) -> Mono.just(1L)), 100)
			.reduce(0L, Long::sum)
			.block(Duration.ofMinutes(3));

		assertThat(failed).isEqualTo(100);
		assertThat(wiremock.getAllServeEvents()).hasSize(120);
	}

	private <T extends MoonshotException> T expectGivesUp(Call call,
			com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response, Class<T> type) {
		wiremock.stubFor(call.stub.apply(call.path).willReturn(response));
		long started = System.nanoTime();

		T ex = org.assertj.core.api.Assertions.catchThrowableOfType(type,
				() -> call.invoke.apply(this.client).block(CALL_TIMEOUT.plusSeconds(5)));

		assertThat(ex).as("expected %s", type.getSimpleName()).isNotNull();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(CALL_TIMEOUT);
		assertThat(ex.getAttempts()).isEqualTo(3);
		assertThat(ex.getSuppressed()).hasSizeGreaterThanOrEqualTo(2);
		assertThat(ex.getMessage()).contains("[gave up after 3 attempts]");
		assertThat(wiremock.getAllServeEvents()).hasSize(3);
		SecretAssertions.assertKeyNotIn(ex, "sk-faults");
		return ex;
	}

	private static void rateLimitedOnce(Call call, String retryAfter) {
		wiremock.stubFor(call.stub.apply(call.path)
			.inScenario("limited")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429)
				.withHeader("Retry-After", retryAfter)
				.withBody("{\"error\":{\"message\":\"max RPM\",\"type\":\"rate_limit_reached_error\"}}"))
			.willSetStateTo("open"));
		wiremock.stubFor(call.stub.apply(call.path)
			.inScenario("limited")
			.whenScenarioStateIs("open")
			.willReturn(okJson(call.okBody())));
	}

	private static ByteArrayResource pdf(byte[] content) {
		return new ByteArrayResource(content) {

			@Override
			public String getFilename() {
				return "a.pdf";
			}

		};
	}

}
