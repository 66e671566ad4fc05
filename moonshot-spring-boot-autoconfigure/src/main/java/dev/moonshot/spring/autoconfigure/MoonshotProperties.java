package dev.moonshot.spring.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.moonshot.spring.client.MoonshotClientDefaults;
import dev.moonshot.spring.client.MoonshotRetrySettings;
import dev.moonshot.spring.client.model.FilePurpose;
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
	 * variable is used. With Spring Cloud's refresh, a changed value is used from the next attempt on.
	 */
	private @Nullable String apiKey;

	/**
	 * File that holds the API key, such as a mounted Kubernetes secret; takes precedence over api-key. Re-read at
	 * the check interval (never on the request path), following symbolic links anew each time; while it is missing,
	 * empty or unreadable the last good key stays in use. Must be readable at startup.
	 */
	private @Nullable Path apiKeyFile;

	/**
	 * How often the api-key-file is checked for a new key.
	 */
	private Duration apiKeyFileCheckInterval = Duration.ofSeconds(10);

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

	private final Retry retry = new Retry();

	private final Health health = new Health();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	public @Nullable Path getApiKeyFile() {
		return this.apiKeyFile;
	}

	public void setApiKeyFile(@Nullable Path apiKeyFile) {
		this.apiKeyFile = apiKeyFile;
	}

	public Duration getApiKeyFileCheckInterval() {
		return this.apiKeyFileCheckInterval;
	}

	public void setApiKeyFileCheckInterval(Duration apiKeyFileCheckInterval) {
		this.apiKeyFileCheckInterval = apiKeyFileCheckInterval;
	}

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public int getMaxConnections() {
		return this.maxConnections;
	}

	public void setMaxConnections(int maxConnections) {
		this.maxConnections = maxConnections;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getResponseTimeout() {
		return this.responseTimeout;
	}

	public void setResponseTimeout(Duration responseTimeout) {
		this.responseTimeout = responseTimeout;
	}

	public Duration getCallTimeout() {
		return this.callTimeout;
	}

	public void setCallTimeout(Duration callTimeout) {
		this.callTimeout = callTimeout;
	}

	public boolean isAllowInsecureHttp() {
		return this.allowInsecureHttp;
	}

	public void setAllowInsecureHttp(boolean allowInsecureHttp) {
		this.allowInsecureHttp = allowInsecureHttp;
	}

	public @Nullable String getApiVersion() {
		return this.apiVersion;
	}

	public void setApiVersion(@Nullable String apiVersion) {
		this.apiVersion = apiVersion;
	}

	public int getPageSize() {
		return this.pageSize;
	}

	public void setPageSize(int pageSize) {
		this.pageSize = pageSize;
	}

	public Scope getScope() {
		return this.scope;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Health getHealth() {
		return this.health;
	}

	public Duration getUploadTimeout() {
		return this.uploadTimeout;
	}

	public void setUploadTimeout(Duration uploadTimeout) {
		this.uploadTimeout = uploadTimeout;
	}

	public int getBulkDeleteConcurrency() {
		return this.bulkDeleteConcurrency;
	}

	public void setBulkDeleteConcurrency(int bulkDeleteConcurrency) {
		this.bulkDeleteConcurrency = bulkDeleteConcurrency;
	}

	@Override
	public String toString() {
		return "MoonshotProperties[enabled=" + this.enabled + ", apiKey=" + ApiKeys.mask(this.apiKey) + ", apiKeyFile="
				+ this.apiKeyFile + ", baseUrl=" + this.baseUrl + ", maxConnections=" + this.maxConnections + ", connectTimeout=" + this.connectTimeout
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

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

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

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getCacheTtl() {
			return this.cacheTtl;
		}

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

		public int getCapacity() {
			return this.capacity;
		}

		public void setCapacity(int capacity) {
			this.capacity = capacity;
		}

		public double getRefillPerSuccess() {
			return this.refillPerSuccess;
		}

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

		public @Nullable String getFilenamePrefix() {
			return this.filenamePrefix;
		}

		public void setFilenamePrefix(@Nullable String filenamePrefix) {
			this.filenamePrefix = filenamePrefix;
		}

		public List<FilePurpose> getPurposes() {
			return this.purposes;
		}

		public void setPurposes(List<FilePurpose> purposes) {
			this.purposes = purposes;
		}

	}

}
