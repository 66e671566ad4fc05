package dev.moonshot.spring.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the Moonshot Files client.
 */
@ConfigurationProperties("moonshot")
public class MoonshotProperties {

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
	private String baseUrl = "https://api.moonshot.ai";

	/**
	 * Time allowed to establish a connection to the API.
	 */
	private Duration connectTimeout = Duration.ofSeconds(10);

	/**
	 * Longest time a call may take from sending the request to reading the whole response.
	 */
	private Duration responseTimeout = Duration.ofSeconds(30);

	/**
	 * Longest time an upload may take, from the first byte sent to the whole response.
	 */
	private Duration uploadTimeout = Duration.ofMinutes(5);

	/**
	 * Most deletions a bulk delete (deleteAll, deleteMatching, deleteOlderThan) runs at a time. Kept small so that a
	 * cleanup does not use up the account's rate limit.
	 */
	private int bulkDeleteConcurrency = 4;

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

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
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
		return "MoonshotProperties[enabled=" + this.enabled + ", apiKey=" + ApiKeys.mask(this.apiKey) + ", baseUrl="
				+ this.baseUrl + ", connectTimeout=" + this.connectTimeout + ", responseTimeout="
				+ this.responseTimeout + ", uploadTimeout=" + this.uploadTimeout + ", bulkDeleteConcurrency="
				+ this.bulkDeleteConcurrency + "]";
	}

}
