package dev.moonshot.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.moonshot.spring.client.model.FilePurpose;
import dev.moonshot.spring.client.MoonshotClientDefaults;
import dev.moonshot.spring.client.MoonshotRetrySettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the Moonshot Files client. Their defaults are the client's own
 * ({@link MoonshotClientDefaults}, {@link MoonshotRetrySettings#defaults()}); the configuration metadata repeats them
 * for IDEs, and a test keeps the two in agreement.
 */
@ConfigurationProperties("moonshot")
public class MoonshotProperties {

	/**
	 * Create the settings, with their defaults; Boot binds them.
	 */
	public MoonshotProperties() {
	}

	private static final MoonshotRetrySettings DEFAULTS = MoonshotRetrySettings.defaults();

	/**
	 * Whether to auto-configure the Moonshot Files client.
	 */
	private boolean enabled = true;

	/**
	 * API key of the Moonshot platform, sent as a Bearer token. When not set, the MOONSHOT_API_KEY environment
	 * variable is used.
	 */
	private @Nullable String apiKey;

	/**
	 * Base URL of the Moonshot API. Keys of the international (api.moonshot.ai) and China (api.moonshot.cn) platforms
	 * are independent. A trailing "/v1" is accepted.
	 */
	private String baseUrl = MoonshotClientDefaults.BASE_URL;

	/**
	 * Most connections to the API at a time, in a pool of the client's own (when the connector is Reactor Netty's).
	 * Calls beyond it wait for a connection, within their call timeout.
	 */
	private int maxConnections = MoonshotClientDefaults.MAX_CONNECTIONS;

	/**
	 * Time allowed to establish a connection to the API.
	 */
	private Duration connectTimeout = MoonshotClientDefaults.CONNECT_TIMEOUT;

	/**
	 * Longest time one attempt may take from sending the request to reading the whole response. An attempt that runs
	 * out of time may be retried.
	 */
	private Duration responseTimeout = MoonshotClientDefaults.RESPONSE_TIMEOUT;

	/**
	 * Longest time a call may take as a whole: every attempt and the waits between them. No retry starts that could
	 * not end before it.
	 */
	private Duration callTimeout = MoonshotClientDefaults.CALL_TIMEOUT;

	/**
	 * Longest time an upload may take, from the first byte sent to the whole response.
	 */
	private Duration uploadTimeout = MoonshotClientDefaults.UPLOAD_TIMEOUT;

	/**
	 * Whether a plain http base URL may point at a host other than the loopback interface. The API key would travel
	 * in clear text: only for a trusted proxy on a network you control.
	 */
	private boolean allowInsecureHttp;

	/**
	 * Most deletions a bulk delete (deleteAll, deleteMatching, deleteOlderThan) runs at a time. Kept small so that a
	 * cleanup does not use up the account's rate limit.
	 */
	private int bulkDeleteConcurrency = MoonshotClientDefaults.BULK_DELETE_CONCURRENCY;

	/**
	 * Dated API version to ask for with the kimi-api-version header, e.g. 2026-09-01-beta. When not set, no header is
	 * sent and the Files API keeps its compatible behaviour, where every list covers the whole organization; with a
	 * version, lists cover the key's project only and are paginated.
	 */
	private @Nullable String apiVersion;

	/**
	 * Files per page when a list follows the versioned API's pages, from 1 to 1000.
	 */
	private int pageSize = MoonshotClientDefaults.PAGE_SIZE;

	private final Scope scope = new Scope();

	private final Retention retention = new Retention();

	private final Retry retry = new Retry();

	private final Health health = new Health();

	/**
	 * Whether to auto-configure the Moonshot Files client.
	 * @return the bound value
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Whether to auto-configure the Moonshot Files client.
	 * @param enabled the value to bind
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * API key of the Moonshot platform, sent as a Bearer token.
	 * @return the bound value
	 */
	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	/**
	 * API key of the Moonshot platform, sent as a Bearer token.
	 * @param apiKey the value to bind
	 */
	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	/**
	 * Base URL of the Moonshot API.
	 * @return the bound value
	 */
	public String getBaseUrl() {
		return this.baseUrl;
	}

	/**
	 * Base URL of the Moonshot API.
	 * @param baseUrl the value to bind
	 */
	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/**
	 * Most connections to the API at a time, in a pool of the client's own (when the connector is Reactor Netty's).
	 * @return the bound value
	 */
	public int getMaxConnections() {
		return this.maxConnections;
	}

	/**
	 * Most connections to the API at a time, in a pool of the client's own (when the connector is Reactor Netty's).
	 * @param maxConnections the value to bind
	 */
	public void setMaxConnections(int maxConnections) {
		this.maxConnections = maxConnections;
	}

	/**
	 * Time allowed to establish a connection to the API.
	 * @return the bound value
	 */
	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	/**
	 * Time allowed to establish a connection to the API.
	 * @param connectTimeout the value to bind
	 */
	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	/**
	 * Longest time one attempt may take from sending the request to reading the whole response.
	 * @return the bound value
	 */
	public Duration getResponseTimeout() {
		return this.responseTimeout;
	}

	/**
	 * Longest time one attempt may take from sending the request to reading the whole response.
	 * @param responseTimeout the value to bind
	 */
	public void setResponseTimeout(Duration responseTimeout) {
		this.responseTimeout = responseTimeout;
	}

	/**
	 * Longest time a call may take as a whole: every attempt and the waits between them.
	 * @return the bound value
	 */
	public Duration getCallTimeout() {
		return this.callTimeout;
	}

	/**
	 * Longest time a call may take as a whole: every attempt and the waits between them.
	 * @param callTimeout the value to bind
	 */
	public void setCallTimeout(Duration callTimeout) {
		this.callTimeout = callTimeout;
	}

	/**
	 * Whether a plain http base URL may point at a host other than the loopback interface.
	 * @return the bound value
	 */
	public boolean isAllowInsecureHttp() {
		return this.allowInsecureHttp;
	}

	/**
	 * Whether a plain http base URL may point at a host other than the loopback interface.
	 * @param allowInsecureHttp the value to bind
	 */
	public void setAllowInsecureHttp(boolean allowInsecureHttp) {
		this.allowInsecureHttp = allowInsecureHttp;
	}

	/**
	 * Dated API version to ask for with the kimi-api-version header.
	 * @return the bound value
	 */
	public @Nullable String getApiVersion() {
		return this.apiVersion;
	}

	/**
	 * Dated API version to ask for with the kimi-api-version header.
	 * @param apiVersion the value to bind
	 */
	public void setApiVersion(@Nullable String apiVersion) {
		this.apiVersion = apiVersion;
	}

	/**
	 * Files per page when a list follows the versioned API's pages, from 1 to 1000.
	 * @return the bound value
	 */
	public int getPageSize() {
		return this.pageSize;
	}

	/**
	 * Files per page when a list follows the versioned API's pages, from 1 to 1000.
	 * @param pageSize the value to bind
	 */
	public void setPageSize(int pageSize) {
		this.pageSize = pageSize;
	}

	/**
	 * What this application's files are: what retention and the scoped operations may touch ({@code moonshot.scope.*}).
	 * @return the bound value
	 */
	public Scope getScope() {
		return this.scope;
	}

	/**
	 * The retention job ({@code moonshot.retention.*}).
	 * @return the bound value
	 */
	public Retention getRetention() {
		return this.retention;
	}

	/**
	 * How failed calls are retried ({@code moonshot.retry.*}).
	 * @return the bound value
	 */
	public Retry getRetry() {
		return this.retry;
	}

	/**
	 * The {@code moonshot} health contributor ({@code moonshot.health.*}).
	 * @return the bound value
	 */
	public Health getHealth() {
		return this.health;
	}

	/**
	 * Longest time an upload may take, from the first byte sent to the whole response.
	 * @return the bound value
	 */
	public Duration getUploadTimeout() {
		return this.uploadTimeout;
	}

	/**
	 * Longest time an upload may take, from the first byte sent to the whole response.
	 * @param uploadTimeout the value to bind
	 */
	public void setUploadTimeout(Duration uploadTimeout) {
		this.uploadTimeout = uploadTimeout;
	}

	/**
	 * Most deletions a bulk delete (deleteAll, deleteMatching, deleteOlderThan) runs at a time.
	 * @return the bound value
	 */
	public int getBulkDeleteConcurrency() {
		return this.bulkDeleteConcurrency;
	}

	/**
	 * Most deletions a bulk delete (deleteAll, deleteMatching, deleteOlderThan) runs at a time.
	 * @param bulkDeleteConcurrency the value to bind
	 */
	public void setBulkDeleteConcurrency(int bulkDeleteConcurrency) {
		this.bulkDeleteConcurrency = bulkDeleteConcurrency;
	}

	@Override
	public String toString() {
		return "MoonshotProperties[enabled=" + this.enabled + ", apiKey=" + ApiKeys.mask(this.apiKey) + ", baseUrl="
				+ this.baseUrl + ", maxConnections=" + this.maxConnections + ", connectTimeout=" + this.connectTimeout
				+ ", responseTimeout=" + this.responseTimeout + ", callTimeout=" + this.callTimeout + ", uploadTimeout=" + this.uploadTimeout
				+ ", allowInsecureHttp=" + this.allowInsecureHttp + ", bulkDeleteConcurrency="
				+ this.bulkDeleteConcurrency + ", retry=" + this.retry + ", health=" + this.health + "]";
	}

	/**
	 * Retry settings.
	 */
	public static class Retry {

		/**
		 * Create the settings, with their defaults; Boot binds them.
		 */
		public Retry() {
		}

		/**
		 * Whether failed calls are retried: reads and deletes after connection failures, timeouts, 429 (not when the
		 * quota is exceeded) and 500/502/503/504; uploads only when they certainly did not reach the provider.
		 */
		private boolean enabled = DEFAULTS.enabled();

		/**
		 * Most attempts per call, the first included.
		 */
		private int maxAttempts = DEFAULTS.maxAttempts();

		/**
		 * Wait before the first retry; each further wait doubles, with random jitter.
		 */
		private Duration initialBackoff = DEFAULTS.initialBackoff();

		/**
		 * Longest wait between two attempts. Also caps the wait a Retry-After header asks for.
		 */
		private Duration maxBackoff = DEFAULTS.maxBackoff();

		/**
		 * Share of each wait that is random, from 0 to 1.
		 */
		private double jitter = DEFAULTS.jitter();

		private final Budget budget = new Budget();

		/**
		 * Whether failed calls are retried: reads and deletes after connection failures, timeouts, 429 (not when the
		 * quota is exceeded) and 500/502/503/504; uploads only when they certainly did not reach the provider.
		 * @return the bound value
		 */
		public boolean isEnabled() {
			return this.enabled;
		}

		/**
		 * Whether failed calls are retried: reads and deletes after connection failures, timeouts, 429 (not when the
		 * quota is exceeded) and 500/502/503/504; uploads only when they certainly did not reach the provider.
		 * @param enabled the value to bind
		 */
		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		/**
		 * Most attempts per call, the first included.
		 * @return the bound value
		 */
		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		/**
		 * Most attempts per call, the first included.
		 * @param maxAttempts the value to bind
		 */
		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		/**
		 * Wait before the first retry; each further wait doubles, with random jitter.
		 * @return the bound value
		 */
		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		/**
		 * Wait before the first retry; each further wait doubles, with random jitter.
		 * @param initialBackoff the value to bind
		 */
		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		/**
		 * Longest wait between two attempts.
		 * @return the bound value
		 */
		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		/**
		 * Longest wait between two attempts.
		 * @param maxBackoff the value to bind
		 */
		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		/**
		 * Share of each wait that is random, from 0 to 1.
		 * @return the bound value
		 */
		public double getJitter() {
			return this.jitter;
		}

		/**
		 * Share of each wait that is random, from 0 to 1.
		 * @param jitter the value to bind
		 */
		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

		/**
		 * The retry budget shared by the client's calls ({@code moonshot.retry.budget.*}).
		 * @return the bound value
		 */
		public Budget getBudget() {
			return this.budget;
		}

		@Override
		public String toString() {
			return "Retry[enabled=" + this.enabled + ", maxAttempts=" + this.maxAttempts + ", initialBackoff="
					+ this.initialBackoff + ", maxBackoff=" + this.maxBackoff + ", jitter=" + this.jitter + ", budget="
					+ this.budget + "]";
		}

	}

	/**
	 * Health indicator settings.
	 */
	public static class Health {

		/**
		 * Create the settings, with their defaults; Boot binds them.
		 */
		public Health() {
		}

		/**
		 * Longest time a health probe (one GET /v1/files, never retried) may take.
		 */
		private Duration timeout = Duration.ofSeconds(5);

		/**
		 * How long a probe's result, up or down, is reused before the provider is asked again.
		 */
		private Duration cacheTtl = Duration.ofSeconds(30);

		/**
		 * Longest time a health probe (one GET /v1/files, never retried) may take.
		 * @return the bound value
		 */
		public Duration getTimeout() {
			return this.timeout;
		}

		/**
		 * Longest time a health probe (one GET /v1/files, never retried) may take.
		 * @param timeout the value to bind
		 */
		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		/**
		 * How long a probe's result, up or down, is reused before the provider is asked again.
		 * @return the bound value
		 */
		public Duration getCacheTtl() {
			return this.cacheTtl;
		}

		/**
		 * How long a probe's result, up or down, is reused before the provider is asked again.
		 * @param cacheTtl the value to bind
		 */
		public void setCacheTtl(Duration cacheTtl) {
			this.cacheTtl = cacheTtl;
		}

		@Override
		public String toString() {
			return "Health[timeout=" + this.timeout + ", cacheTtl=" + this.cacheTtl + "]";
		}

	}

	/**
	 * Retry budget shared by all calls of the client: retries spend tokens, successful responses refill them.
	 */
	public static class Budget {

		/**
		 * Create the settings, with their defaults; Boot binds them.
		 */
		public Budget() {
		}

		/**
		 * Most retries the budget holds, and holds at the start. When the provider is down nothing refills it, so
		 * at most this many retries are sent before calls fail on their first error.
		 */
		private int capacity = DEFAULTS.budgetCapacity();

		/**
		 * Retry tokens each successful response adds. 0.1 keeps sustained retries under a tenth of the traffic.
		 */
		private double refillPerSuccess = DEFAULTS.budgetRefillPerSuccess();

		/**
		 * Most retries the budget holds, and holds at the start.
		 * @return the bound value
		 */
		public int getCapacity() {
			return this.capacity;
		}

		/**
		 * Most retries the budget holds, and holds at the start.
		 * @param capacity the value to bind
		 */
		public void setCapacity(int capacity) {
			this.capacity = capacity;
		}

		/**
		 * Retry tokens each successful response adds.
		 * @return the bound value
		 */
		public double getRefillPerSuccess() {
			return this.refillPerSuccess;
		}

		/**
		 * Retry tokens each successful response adds.
		 * @param refillPerSuccess the value to bind
		 */
		public void setRefillPerSuccess(double refillPerSuccess) {
			this.refillPerSuccess = refillPerSuccess;
		}

		@Override
		public String toString() {
			return "Budget[capacity=" + this.capacity + ", refillPerSuccess=" + this.refillPerSuccess + "]";
		}

	}

	/**
	 * Which files this application owns.
	 */
	public static class Scope {

		/**
		 * Create the settings, with their defaults; Boot binds them.
		 */
		public Scope() {
		}

		/**
		 * Prefix the client puts before the filename of every upload, and by which retention recognizes this
		 * application's files, e.g. "invoices-". The provider stores the prefixed name.
		 */
		private @Nullable String filenamePrefix;

		/**
		 * Purposes of this application's files; retention leaves files of other purposes alone. Empty for any.
		 */
		private List<FilePurpose> purposes = new ArrayList<>();

		/**
		 * Prefix the client puts before the filename of every upload, and by which retention recognizes this
		 * application's files.
		 * @return the bound value
		 */
		public @Nullable String getFilenamePrefix() {
			return this.filenamePrefix;
		}

		/**
		 * Prefix the client puts before the filename of every upload, and by which retention recognizes this
		 * application's files.
		 * @param filenamePrefix the value to bind
		 */
		public void setFilenamePrefix(@Nullable String filenamePrefix) {
			this.filenamePrefix = filenamePrefix;
		}

		/**
		 * Purposes of this application's files; retention leaves files of other purposes alone.
		 * @return the bound value
		 */
		public List<FilePurpose> getPurposes() {
			return this.purposes;
		}

		/**
		 * Purposes of this application's files; retention leaves files of other purposes alone.
		 * @param purposes the value to bind
		 */
		public void setPurposes(List<FilePurpose> purposes) {
			this.purposes = purposes;
		}

	}

	/**
	 * The scheduled retention job.
	 */
	public static class Retention {

		/**
		 * Create the settings, with their defaults; Boot binds them.
		 */
		public Retention() {
		}

		/**
		 * Whether to run the retention job on a schedule. It deletes files of the application's scope only.
		 */
		private boolean enabled;

		/**
		 * Cron expression of the runs, e.g. "0 0 * * * *". When not set, runs follow fixed-delay.
		 */
		private @Nullable String cron;

		/**
		 * Time between the end of a run and the start of the next, when no cron expression is set.
		 */
		private Duration fixedDelay = Duration.ofHours(1);

		/**
		 * Time from startup to the first run, when no cron expression is set.
		 */
		private Duration initialDelay = Duration.ofMinutes(1);

		/**
		 * Files of the scope older than this are deleted. When not set, no age rule applies.
		 */
		private @Nullable Duration maxAge;

		/**
		 * Share of the account's quota (files or bytes, whichever is higher) to keep usage under, by deleting the
		 * oldest files of the scope, from 0 to 1. When not set, no quota rule applies.
		 */
		private @Nullable Double maxQuotaShare;

		/**
		 * Most deletions in one run; the report says when the cap was reached, and the next run goes on.
		 */
		private int maxDeletions = 100;

		/**
		 * Whether runs only report what they would delete and send no DELETE.
		 */
		private boolean dryRun;

		/**
		 * Whether the job may act on every file the key can see, when no filename prefix (and no API version, whose
		 * lists cover the key's project) narrows it down. Without an API version that is the whole organization,
		 * other applications' files included.
		 */
		private boolean everything;

		/**
		 * Longest one run may take; it is stopped after that. Also how long the ShedLock lock is held at most.
		 */
		private Duration deadline = Duration.ofMinutes(5);

		/**
		 * Shortest time the ShedLock lock is held after a run, so that instances whose clocks or schedules are a
		 * little late skip the run instead of repeating it.
		 */
		private Duration lockAtLeastFor = Duration.ofSeconds(10);

		/**
		 * Name of the ShedLock lock the instances share.
		 */
		private String lockName = "moonshot-retention";

		/**
		 * Whether to run the retention job on a schedule.
		 * @return the bound value
		 */
		public boolean isEnabled() {
			return this.enabled;
		}

		/**
		 * Whether to run the retention job on a schedule.
		 * @param enabled the value to bind
		 */
		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		/**
		 * Cron expression of the runs.
		 * @return the bound value
		 */
		public @Nullable String getCron() {
			return this.cron;
		}

		/**
		 * Cron expression of the runs.
		 * @param cron the value to bind
		 */
		public void setCron(@Nullable String cron) {
			this.cron = cron;
		}

		/**
		 * Time between the end of a run and the start of the next, when no cron expression is set.
		 * @return the bound value
		 */
		public Duration getFixedDelay() {
			return this.fixedDelay;
		}

		/**
		 * Time between the end of a run and the start of the next, when no cron expression is set.
		 * @param fixedDelay the value to bind
		 */
		public void setFixedDelay(Duration fixedDelay) {
			this.fixedDelay = fixedDelay;
		}

		/**
		 * Time from startup to the first run, when no cron expression is set.
		 * @return the bound value
		 */
		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		/**
		 * Time from startup to the first run, when no cron expression is set.
		 * @param initialDelay the value to bind
		 */
		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

		/**
		 * Files of the scope older than this are deleted.
		 * @return the bound value
		 */
		public @Nullable Duration getMaxAge() {
			return this.maxAge;
		}

		/**
		 * Files of the scope older than this are deleted.
		 * @param maxAge the value to bind
		 */
		public void setMaxAge(@Nullable Duration maxAge) {
			this.maxAge = maxAge;
		}

		/**
		 * Share of the account's quota (files or bytes, whichever is higher) to keep usage under, by deleting the
		 * oldest files of the scope, from 0 to 1.
		 * @return the bound value
		 */
		public @Nullable Double getMaxQuotaShare() {
			return this.maxQuotaShare;
		}

		/**
		 * Share of the account's quota (files or bytes, whichever is higher) to keep usage under, by deleting the
		 * oldest files of the scope, from 0 to 1.
		 * @param maxQuotaShare the value to bind
		 */
		public void setMaxQuotaShare(@Nullable Double maxQuotaShare) {
			this.maxQuotaShare = maxQuotaShare;
		}

		/**
		 * Most deletions in one run; the report says when the cap was reached, and the next run goes on.
		 * @return the bound value
		 */
		public int getMaxDeletions() {
			return this.maxDeletions;
		}

		/**
		 * Most deletions in one run; the report says when the cap was reached, and the next run goes on.
		 * @param maxDeletions the value to bind
		 */
		public void setMaxDeletions(int maxDeletions) {
			this.maxDeletions = maxDeletions;
		}

		/**
		 * Whether runs only report what they would delete and send no DELETE.
		 * @return the bound value
		 */
		public boolean isDryRun() {
			return this.dryRun;
		}

		/**
		 * Whether runs only report what they would delete and send no DELETE.
		 * @param dryRun the value to bind
		 */
		public void setDryRun(boolean dryRun) {
			this.dryRun = dryRun;
		}

		/**
		 * Whether the job may act on every file the key can see, when no filename prefix (and no API version, whose
		 * lists cover the key's project) narrows it down.
		 * @return the bound value
		 */
		public boolean isEverything() {
			return this.everything;
		}

		/**
		 * Whether the job may act on every file the key can see, when no filename prefix (and no API version, whose
		 * lists cover the key's project) narrows it down.
		 * @param everything the value to bind
		 */
		public void setEverything(boolean everything) {
			this.everything = everything;
		}

		/**
		 * Longest one run may take; it is stopped after that.
		 * @return the bound value
		 */
		public Duration getDeadline() {
			return this.deadline;
		}

		/**
		 * Longest one run may take; it is stopped after that.
		 * @param deadline the value to bind
		 */
		public void setDeadline(Duration deadline) {
			this.deadline = deadline;
		}

		/**
		 * Shortest time the ShedLock lock is held after a run, so that instances whose clocks or schedules are a little
		 * late skip the run instead of repeating it.
		 * @return the bound value
		 */
		public Duration getLockAtLeastFor() {
			return this.lockAtLeastFor;
		}

		/**
		 * Shortest time the ShedLock lock is held after a run, so that instances whose clocks or schedules are a little
		 * late skip the run instead of repeating it.
		 * @param lockAtLeastFor the value to bind
		 */
		public void setLockAtLeastFor(Duration lockAtLeastFor) {
			this.lockAtLeastFor = lockAtLeastFor;
		}

		/**
		 * Name of the ShedLock lock the instances share.
		 * @return the bound value
		 */
		public String getLockName() {
			return this.lockName;
		}

		/**
		 * Name of the ShedLock lock the instances share.
		 * @param lockName the value to bind
		 */
		public void setLockName(String lockName) {
			this.lockName = lockName;
		}

	}

}
