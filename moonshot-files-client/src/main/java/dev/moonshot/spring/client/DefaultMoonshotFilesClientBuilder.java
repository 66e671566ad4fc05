package dev.moonshot.spring.client;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Default {@link MoonshotFilesClient.Builder}. A built client keeps a copy, so that
 * {@link MoonshotFilesClient#mutate()} can start from the same settings.
 */
final class DefaultMoonshotFilesClientBuilder implements MoonshotFilesClient.Builder {

	/**
	 * Largest body decoded into memory: a list of 1,000 files is about 200 KiB (over Spring's 256 KiB default with
	 * long names), and extracted text can be several MiB.
	 */
	static final int MAX_IN_MEMORY_BYTES = 16 * 1024 * 1024;

	@Nullable MoonshotCredentials credentials;

	String baseUrl = MoonshotClientDefaults.BASE_URL;

	WebClient.@Nullable Builder webClientBuilder;

	@Nullable Duration connectTimeout;

	@Nullable Integer maxConnections;

	Duration responseTimeout = MoonshotClientDefaults.RESPONSE_TIMEOUT;

	Duration callTimeout = MoonshotClientDefaults.CALL_TIMEOUT;

	Duration uploadTimeout = MoonshotClientDefaults.UPLOAD_TIMEOUT;

	MoonshotRetrySettings retrySettings = MoonshotRetrySettings.defaults();

	boolean allowInsecureHttp;

	int bulkDeleteConcurrency = MoonshotClientDefaults.BULK_DELETE_CONCURRENCY;

	@Nullable String apiVersion;

	@Nullable String filenamePrefix;

	int pageSize = MoonshotClientDefaults.PAGE_SIZE;

	ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	@Nullable MoonshotClientObservationConvention observationConvention;

	DefaultMoonshotFilesClientBuilder() {
	}

	private DefaultMoonshotFilesClientBuilder(DefaultMoonshotFilesClientBuilder other) {
		this.credentials = other.credentials;
		this.baseUrl = other.baseUrl;
		this.webClientBuilder = (other.webClientBuilder != null) ? other.webClientBuilder.clone() : null;
		this.connectTimeout = other.connectTimeout;
		this.maxConnections = other.maxConnections;
		this.responseTimeout = other.responseTimeout;
		this.callTimeout = other.callTimeout;
		this.uploadTimeout = other.uploadTimeout;
		this.retrySettings = other.retrySettings;
		this.allowInsecureHttp = other.allowInsecureHttp;
		this.bulkDeleteConcurrency = other.bulkDeleteConcurrency;
		this.apiVersion = other.apiVersion;
		this.filenamePrefix = other.filenamePrefix;
		this.pageSize = other.pageSize;
		this.observationRegistry = other.observationRegistry;
		this.observationConvention = other.observationConvention;
	}

	DefaultMoonshotFilesClientBuilder copy() {
		return new DefaultMoonshotFilesClientBuilder(this);
	}

	@Override
	public MoonshotFilesClient.Builder apiKey(String apiKey) {
		// checked when the client is built, as every key is
		this.credentials = (apiKey != null) ? new FixedMoonshotCredentials(apiKey) : null;
		return this;
	}

	@Override
	public MoonshotFilesClient.Builder credentials(MoonshotCredentials credentials) {
		Assert.notNull(credentials, "credentials must not be null");
		this.credentials = credentials;
		return this;
	}

	@Override
	public MoonshotFilesClient.Builder baseUrl(String baseUrl) {
		Assert.notNull(baseUrl, "baseUrl must not be null");
		this.baseUrl = baseUrl;
		return this;
	}

	@Override
	public MoonshotFilesClient.Builder webClientBuilder(WebClient.Builder webClientBuilder) {
		Assert.notNull(webClientBuilder, "webClientBuilder must not be null");
		this.webClientBuilder = webClientBuilder;
		return this;
	}

	@Override
	public MoonshotFilesClient.Builder connectTimeout(Duration connectTimeout) {
		this.connectTimeout = MoonshotClientDefaults.requirePositive(connectTimeout, "connectTimeout");
		return this;
	}

	@Override
	public MoonshotFilesClient.Builder maxConnections(int maxConnections) {
		Assert.isTrue(maxConnections >= 1, () -> "maxConnections must be at least 1, got " + maxConnections);
		this.maxConnections = maxConnections;
		return this;
	}

	@Override
	public MoonshotFilesClient.Builder responseTimeout(Duration responseTimeout) {
		this.responseTimeout = MoonshotClientDefaults.requirePositive(responseTimeout, "responseTimeout");
		return this;
	}

	@Override
	public MoonshotFilesClient.Builder callTimeout(Duration callTimeout) {
		this.callTimeout = MoonshotClientDefaults.requirePositive(callTimeout, "callTimeout");
		return this;
	}

	@Override
	public MoonshotFilesClient.Builder retry(MoonshotRetrySettings retrySettings) {
		Assert.notNull(retrySettings, "retrySettings must not be null");
		this.retrySettings = retrySettings;
		return this;
	}

	@Override
	public MoonshotFilesClient.Builder allowInsecureHttp(boolean allowInsecureHttp) {
		this.allowInsecureHttp = allowInsecureHttp;
		return this;
	}

	@Override
	public MoonshotFilesClient.Builder uploadTimeout(Duration uploadTimeout) {
		this.uploadTimeout = MoonshotClientDefaults.requirePositive(uploadTimeout, "uploadTimeout");
		return this;
	}

	@Override
	public MoonshotFilesClient.Builder apiVersion(@Nullable String apiVersion) {
		this.apiVersion = MoonshotApiVersion.requireValid(apiVersion);
		return this;
	}

	@Override
	public MoonshotFilesClient.Builder filenamePrefix(@Nullable String filenamePrefix) {
		Assert.isTrue(filenamePrefix == null || !filenamePrefix.isBlank(),
				"filenamePrefix must not be blank; pass null for none");
		String unsendable = (filenamePrefix != null) ? UploadFile.unsendable(filenamePrefix) : null;
		Assert.isNull(unsendable, () -> "filenamePrefix " + DisplayValue.of(String.valueOf(filenamePrefix))
				+ " has " + unsendable + ", which no upload's name may have; use a prefix without control characters");
		this.filenamePrefix = filenamePrefix;
		return this;
	}

	@Override
	public MoonshotFilesClient.Builder pageSize(int pageSize) {
		Assert.isTrue(pageSize >= 1 && pageSize <= MoonshotClientDefaults.MAX_PAGE_SIZE,
				() -> "pageSize must be between 1 and " + MoonshotClientDefaults.MAX_PAGE_SIZE + ", got " + pageSize);
		this.pageSize = pageSize;
		return this;
	}

	@Override
	public MoonshotFilesClient.Builder bulkDeleteConcurrency(int concurrency) {
		Assert.isTrue(concurrency >= 1 && concurrency <= MoonshotClientDefaults.MAX_BULK_DELETE_CONCURRENCY,
				() -> "bulkDeleteConcurrency must be between 1 and " + MoonshotClientDefaults.MAX_BULK_DELETE_CONCURRENCY + ", got "
						+ concurrency);
		this.bulkDeleteConcurrency = concurrency;
		return this;
	}

	@Override
	public MoonshotFilesClient.Builder observationRegistry(ObservationRegistry observationRegistry) {
		Assert.notNull(observationRegistry, "observationRegistry must not be null");
		this.observationRegistry = observationRegistry;
		return this;
	}

	@Override
	public MoonshotFilesClient.Builder observationConvention(MoonshotClientObservationConvention convention) {
		Assert.notNull(convention, "convention must not be null");
		this.observationConvention = convention;
		return this;
	}

	@Override
	public MoonshotFilesClient build() {
		if (this.credentials == null) {
			throw new IllegalStateException("A Moonshot API key is required: call apiKey(...) or credentials(...) "
					+ "with the key from the Moonshot platform console, e.g. System.getenv(\"MOONSHOT_API_KEY\")");
		}
		Clock clock = Clock.systemUTC();
		// the first key is read and checked now; each attempt sets its own Authorization header from the ring
		KeyRing keys = new KeyRing(this.credentials, clock);
		if (this.webClientBuilder != null && (this.connectTimeout != null || this.maxConnections != null)) {
			throw new IllegalStateException("connectTimeout(...) and maxConnections(...) configure the connector the "
					+ "client creates itself; with webClientBuilder(...) configure that builder's ClientHttpConnector");
		}
		String normalizedBaseUrl = MoonshotBaseUrl.normalize(this.baseUrl);
		if (!this.allowInsecureHttp) {
			MoonshotBaseUrl.requireSecure(normalizedBaseUrl);
		}
		WebClient.Builder builder = (this.webClientBuilder != null) ? this.webClientBuilder.clone()
				: WebClient.builder().clientConnector(reactorConnector(effectiveConnectTimeout(),
						(this.maxConnections != null) ? this.maxConnections : MoonshotClientDefaults.MAX_CONNECTIONS));
		WebClient webClient = builder.baseUrl(normalizedBaseUrl)
			.defaultHeaders((headers) -> {
				headers.set(HttpHeaders.USER_AGENT, ClientVersion.USER_AGENT);
				// what every operation but the content accepts: most requests then need no header of their own
				headers.setAccept(List.of(Operation.DEFAULT_ACCEPT));
				if (this.apiVersion != null) {
					headers.set(MoonshotApiVersion.HEADER, this.apiVersion);
				}
			})
			.codecs((codecs) -> {
				codecs.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(MoonshotJson.MAPPER));
				codecs.defaultCodecs().maxInMemorySize(MAX_IN_MEMORY_BYTES);
			})
			.build();
		return new DefaultMoonshotFilesClient(webClient, normalizedBaseUrl, copy(), keys, clock);
	}

	/**
	 * The connect timeout of the connector this builder creates; {@code null} when the user brings the connector.
	 */
	@Nullable Duration effectiveConnectTimeout() {
		if (this.webClientBuilder != null) {
			return null;
		}
		return (this.connectTimeout != null) ? this.connectTimeout : MoonshotClientDefaults.CONNECT_TIMEOUT;
	}

	private static ReactorClientHttpConnector reactorConnector(Duration connectTimeout, int maxConnections) {
		// Reactor Netty follows no redirects by default: the Authorization header never travels to another host.
		return new ReactorClientHttpConnector(HttpClient.create(MoonshotConnectionPools.withMaxConnections(maxConnections))
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(connectTimeout.toMillis(), Integer.MAX_VALUE)));
	}

	@Override
	public String toString() {
		return "MoonshotFilesClient.Builder[baseUrl=" + this.baseUrl + ", credentials="
				+ ((this.credentials != null) ? "******" : "(none)") + "]";
	}

}
