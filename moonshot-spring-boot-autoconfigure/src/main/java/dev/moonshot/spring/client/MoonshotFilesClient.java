package dev.moonshot.spring.client;

import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Client of the Moonshot AI (Kimi) Files API.
 * <p>
 * Every operation validates its arguments before sending anything (bad input raises
 * {@link IllegalArgumentException} at once), and every failed call ends in a {@link MoonshotException}: an
 * {@link MoonshotApiException} subclass per error status, or a {@link MoonshotTransportException} when no usable
 * response arrived. Nothing is sent until the returned {@link Mono} is subscribed.
 * <p>
 * With Spring Boot, inject the auto-configured bean. Without it, build one:
 * <pre class="code">
 * MoonshotFilesClient client = MoonshotFilesClient.builder()
 *     .apiKey(System.getenv("MOONSHOT_API_KEY"))
 *     .build();
 * client.delete("cqd0d4b4hdjbdq7nrsmg").block();
 * </pre>
 * Services that are not reactive use {@link #blocking()}.
 */
public interface MoonshotFilesClient {

	/**
	 * Delete an uploaded file ({@code DELETE /v1/files/{file_id}}).
	 * @param fileId the id of the file, as returned when it was uploaded or listed
	 * @return the provider's confirmation; fails with {@link MoonshotNotFoundException} when no such file exists
	 * @throws IllegalArgumentException if {@code fileId} is not a well-formed file id (nothing is sent)
	 */
	Mono<FileDeleteResponse> delete(String fileId);

	/**
	 * A blocking view of this client with the same operations, for code that is not reactive (Spring MVC
	 * controllers, batch jobs). Each call waits at most the configured response timeout.
	 * @return the blocking view
	 */
	BlockingMoonshotFilesClient blocking();

	/**
	 * Start building a client without Spring Boot.
	 * @return a new builder
	 */
	static Builder builder() {
		return new DefaultMoonshotFilesClientBuilder();
	}

	/**
	 * Builder of a {@link MoonshotFilesClient}.
	 */
	interface Builder {

		/**
		 * The API key sent as {@code Authorization: Bearer <key>}. Required.
		 * @param apiKey the key, e.g. the value of the {@code MOONSHOT_API_KEY} environment variable
		 * @return this builder
		 */
		Builder apiKey(String apiKey);

		/**
		 * The provider's base URL; default {@code https://api.moonshot.ai}. The OpenAI-SDK form with {@code /v1}
		 * (e.g. {@code https://api.moonshot.cn/v1}) is accepted too.
		 * @param baseUrl the base URL
		 * @return this builder
		 */
		Builder baseUrl(String baseUrl);

		/**
		 * The {@link WebClient.Builder} to start from, e.g. one carrying filters, a connector or an observation
		 * registry. It is cloned, never changed. Without one, the client creates a Reactor Netty based builder.
		 * @param webClientBuilder the builder to start from
		 * @return this builder
		 */
		Builder webClientBuilder(WebClient.Builder webClientBuilder);

		/**
		 * Connect timeout of the connector the client creates; default 10 seconds. Only for a client built without
		 * {@link #webClientBuilder(WebClient.Builder)}: a given builder's connector keeps its own settings, and
		 * setting both is rejected by {@link #build()}.
		 * @param connectTimeout the connect timeout, positive
		 * @return this builder
		 */
		Builder connectTimeout(Duration connectTimeout);

		/**
		 * The longest a call may take from sending the request to reading the whole response; default 30 seconds.
		 * @param responseTimeout the response timeout, positive
		 * @return this builder
		 */
		Builder responseTimeout(Duration responseTimeout);

		/**
		 * Build the client.
		 * @return the client
		 * @throws IllegalStateException if no API key was given, or both a connect timeout and a WebClient
		 * builder were
		 * @throws IllegalArgumentException if the base URL is not an http(s) URL
		 */
		MoonshotFilesClient build();

	}

}
