package dev.moonshot.spring.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import dev.moonshot.spring.client.MoonshotFilesClient;
import dev.moonshot.spring.client.MoonshotRetrySettings;
import dev.moonshot.spring.client.exception.MoonshotApiException;
import dev.moonshot.spring.client.exception.MoonshotException;
import dev.moonshot.spring.client.exception.MoonshotFailureKind;
import dev.moonshot.spring.client.exception.MoonshotTimeoutException;
import dev.moonshot.spring.client.model.ApiKeyInUse;
import dev.moonshot.spring.client.model.FileUsage;
import dev.moonshot.spring.client.model.MoonshotApiDeprecation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.core.log.LogMessage;
import org.springframework.util.Assert;

/**
 * Health of the Moonshot integration, from one {@code GET /v1/files}: it proves the provider is reachable and the key
 * valid, and tells how much of the file quota is used.
 * <p>
 * The probe has its own short timeout and is never retried. Its result, up or down, is kept for a time-to-live, and
 * checks that arrive while a probe runs share it: a scrape every few seconds does not become a request every few
 * seconds. Belongs in the readiness group (or a custom one), never in liveness: an outage at the provider must not
 * restart the application.
 * <p>
 * UP details: {@code host}, {@code latencyMs}, {@code files} and {@code storage} (used, limit, share), and
 * {@code deprecation} (version, sunset, advice) once the provider announced that the API version is retired; in every
 * state, {@code apiKey}: the {@link ApiKeyInUse#fingerprint() fingerprint} of the key the client sends and since when
 * (so that an operator sees a rotation arrive), never any part of the key. DOWN on
 * 401 and 403 (a misconfigured key: with the provider's error type), on a suspended account, on timeouts and on 5xx.
 * UNKNOWN when rate-limited: the provider answered, but said nothing about the key.
 * <p>
 * The client is probed as it is given, through its interface, unless {@link MoonshotFilesClient#mutate()} gives a
 * builder for it (as every client this library builds does): then the probe uses a variant built from that builder,
 * without retries and with the probe's timeout. Nothing is called on the client until the first health check, so a
 * client bean the starter did not build (an implementation of the application's own, a decorator, a
 * {@code @MockitoBean}) never stands in the way of startup. Such a client's {@code usage()} is then called under the
 * probe's timeout; when it returns no result (as a mock does) or fails with anything but a {@link MoonshotException},
 * the check is UNKNOWN: it says nothing about the provider.
 */
public class MoonshotHealthIndicator extends AbstractReactiveHealthIndicator {

	private static final Log logger = LogFactory.getLog(MoonshotHealthIndicator.class);

	private final Mono<Consumer<Health.Builder>> probe;

	/**
	 * Create an indicator.
	 * @param client the client to probe with; a variant of it without retries is built for the probe
	 * @param host the API host to show (never the key)
	 * @param timeout the longest a probe may take
	 * @param cacheTtl how long a probe's result is reused
	 */
	public MoonshotHealthIndicator(MoonshotFilesClient client, String host, Duration timeout, Duration cacheTtl) {
		super("Moonshot health check failed");
		Assert.notNull(client, "client must not be null");
		Mono<Probe> probe = Mono.fromSupplier(() -> probe(client, timeout)).cache();
		this.probe = probe.flatMap((probing) -> probing.check(client, host))
			.cache((result) -> cacheTtl, (error) -> Duration.ZERO, () -> Duration.ZERO);
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		return this.probe.map((result) -> {
			result.accept(builder);
			return builder.build();
		});
	}

	/**
	 * The probe: a variant of the client without retries and with the probe's timeout when the client can be
	 * rebuilt, else the client as it is, bounded by the probe's timeout from outside.
	 */
	private static Probe probe(MoonshotFilesClient client, Duration timeout) {
		try {
			MoonshotFilesClient.Builder builder = client.mutate();
			if (builder != null) {
				MoonshotFilesClient probing = builder.retry(MoonshotRetrySettings.disabled())
					.responseTimeout(timeout)
					.callTimeout(timeout)
					.build();
				return new Probe(probing, Mono.defer(probing::usage));
			}
			logger.debug(LogMessage.format("%s gives no builder for the health probe; probing it as it is",
					client.getClass().getName()));
		}
		catch (RuntimeException ex) {
			logger.debug(LogMessage.format("%s cannot be rebuilt for the health probe (%s); probing it as it is",
					client.getClass().getName(), ex.getClass().getSimpleName()));
		}
		return new Probe(client, Mono.defer(() -> {
			Mono<FileUsage> usage = client.usage();
			return (usage != null) ? usage : Mono.<FileUsage>empty();
		})
			.timeout(timeout, Mono.error(() -> new MoonshotTimeoutException(
					"Moonshot health probe got no answer within " + timeout.toMillis() + " ms",
					MoonshotTimeoutException.TimeoutType.CALL, timeout, null))));
	}

	/**
	 * The client a probe asks, and the call it makes.
	 */
	private record Probe(MoonshotFilesClient client, Mono<FileUsage> usage) {

		Mono<Consumer<Health.Builder>> check(MoonshotFilesClient checked, String host) {
			long started = System.nanoTime();
			return this.usage.map((result) -> up(host, elapsedMillis(started), result))
				.defaultIfEmpty(unknown(host, "the client returned no usage (a test double?)", null))
				.onErrorResume((failure) -> Mono.just((failure instanceof MoonshotException moonshot)
						? down(host, elapsedMillis(started), moonshot)
						: unknown(host, "the client failed outside the Moonshot exception hierarchy", failure)))
				.map((result) -> result.andThen((builder) -> deprecation(builder, checked))
					.andThen((builder) -> apiKey(builder, checked)));
		}

		/** Which key the client sends: its fingerprint and since when, never any part of the key. */
		private static void apiKey(Health.Builder builder, MoonshotFilesClient checked) {
			ApiKeyInUse inUse = checked.apiKeyInUse();
			if (inUse != null) {
				Map<String, Object> details = new LinkedHashMap<>();
				details.put("fingerprint", inUse.fingerprint());
				details.put("since", inUse.since().toString());
				builder.withDetail("apiKey", details);
			}
		}

		/** The provider's word that the API version is being retired, as the probe or the client heard it. */
		private void deprecation(Health.Builder builder, MoonshotFilesClient checked) {
			MoonshotApiDeprecation deprecation = (this.client != checked && this.client.deprecation() != null)
					? this.client.deprecation() : checked.deprecation();
			if (deprecation != null) {
				Map<String, Object> details = new LinkedHashMap<>();
				details.put("version", (deprecation.version() != null) ? deprecation.version() : "none");
				if (deprecation.sunset() != null) {
					details.put("sunset", deprecation.sunset());
				}
				details.put("advice", deprecation.describe());
				builder.withDetail("deprecation", details);
			}
		}

	}

	private static Consumer<Health.Builder> unknown(String host, String reason, @Nullable Throwable failure) {
		return (builder) -> {
			builder.unknown().withDetail("host", host).withDetail("reason", reason);
			if (failure != null) {
				builder.withDetail("error", failure.getClass().getSimpleName());
			}
		};
	}

	private static Consumer<Health.Builder> up(String host, long latencyMs, FileUsage usage) {
		return (builder) -> builder.up()
			.withDetail("host", host)
			.withDetail("latencyMs", latencyMs)
			.withDetail("files", quota(usage.files(), FileUsage.MAX_FILES, usage.fileShare()))
			.withDetail("storage", quota(usage.bytes(), FileUsage.MAX_TOTAL_BYTES, usage.byteShare()));
	}

	private static Consumer<Health.Builder> down(String host, long latencyMs, MoonshotException failure) {
		MoonshotFailureKind kind = failure.getFailureKind();
		// the provider refuses for the rate, but is there: neither up nor down
		Status status = (kind == MoonshotFailureKind.RATE_LIMITED || kind == MoonshotFailureKind.OVERLOADED)
				? Status.UNKNOWN : Status.DOWN;
		return (builder) -> {
			builder.status(status).withDetail("host", host).withDetail("latencyMs", latencyMs);
			builder.withDetail("error", failure.getClass().getSimpleName());
			if (failure instanceof MoonshotApiException api) {
				builder.withDetail("httpStatus", api.getStatusCode().value());
				if (api.getErrorType() != null) {
					builder.withDetail("errorType", api.getErrorType());
				}
				if (api.getRequestId() != null) {
					builder.withDetail("requestId", api.getRequestId());
				}
			}
			builder.withDetail("reason", reason(failure));
		};
	}

	/** The failure's kind says what it means; a timeout adds the limit that ran out. */
	private static String reason(MoonshotException failure) {
		if (failure instanceof MoonshotTimeoutException timeout && timeout.getTimeout() != null) {
			long limit = timeout.getTimeout().toMillis();
			return (failure.getFailureKind() == MoonshotFailureKind.CONNECT_TIMEOUT)
					? "could not connect to the provider within the connect timeout of " + limit
							+ " ms (moonshot.connect-timeout)"
					: "no answer within " + limit + " ms";
		}
		return failure.getFailureKind().getSummary();
	}

	private static Map<String, Object> quota(long used, long limit, double share) {
		Map<String, Object> quota = new LinkedHashMap<>();
		quota.put("used", used);
		quota.put("limit", limit);
		quota.put("share", Math.round(share * 10_000) / 10_000.0);
		return quota;
	}

	private static long elapsedMillis(long startedNanos) {
		return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
	}

}
