package dev.moonshot.spring.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

import dev.moonshot.spring.client.exception.MoonshotApiException;
import dev.moonshot.spring.client.exception.MoonshotException;
import dev.moonshot.spring.client.exception.MoonshotFileCountLimitException;
import dev.moonshot.spring.client.exception.MoonshotNotFoundException;
import dev.moonshot.spring.client.exception.MoonshotPaginationException;
import dev.moonshot.spring.client.exception.MoonshotTransportException;
import dev.moonshot.spring.client.model.ApiKeyInUse;
import dev.moonshot.spring.client.model.FileDeleteResponse;
import dev.moonshot.spring.client.model.FileDeletion;
import dev.moonshot.spring.client.model.FileDeletionReport;
import dev.moonshot.spring.client.model.FileObject;
import dev.moonshot.spring.client.model.FilePurpose;
import dev.moonshot.spring.client.model.FileScope;
import dev.moonshot.spring.client.model.FileUsage;
import dev.moonshot.spring.client.model.MoonshotApiDeprecation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.Resource;
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
	 * Upload a file ({@code POST /v1/files}, {@code multipart/form-data}). The content is streamed from the resource,
	 * never held whole in memory.
	 * @param file the content, with a filename (a file, classpath or byte-array resource; a resource that can be read
	 * only once is refused)
	 * @param purpose what the file is for
	 * @return the stored file; fails with {@link MoonshotFileCountLimitException} when the account already holds
	 * 1,000 files
	 * @throws IllegalArgumentException if the resource does not exist, is not readable, is empty, is larger than
	 * {@link FileUsage#MAX_FILE_BYTES} or has no filename (nothing is sent)
	 */
	Mono<FileObject> upload(Resource file, FilePurpose purpose);

	/**
	 * Upload a file from the file system; see {@link #upload(Resource, FilePurpose)}.
	 * @param file path of the file
	 * @param purpose what the file is for
	 * @return the stored file
	 * @throws IllegalArgumentException if the file does not exist, is not readable, is empty or is larger than
	 * {@link FileUsage#MAX_FILE_BYTES} (nothing is sent)
	 */
	Mono<FileObject> upload(Path file, FilePurpose purpose);

	/**
	 * List the account's files ({@code GET /v1/files}): without an API version, the whole <em>organization's</em>;
	 * with one, the key's <em>project's</em>, every page of it.
	 * @return every file of the list
	 */
	Mono<List<FileObject>> list();

	/**
	 * Every file of the list, streamed: with an API version, the provider's pages are fetched one at a time as the
	 * subscriber asks for files, so at most one page (up to {@link Builder#pageSize(int)} files) is held, however
	 * large the list; without one, the one list. A provider that repeats a page token or never ends the list fails
	 * it with {@link MoonshotPaginationException}.
	 * @return the files, in the provider's order (newest first with the versioned API)
	 */
	Flux<FileObject> files();

	/**
	 * Retrieve one file's metadata ({@code GET /v1/files/{file_id}}).
	 * @param fileId the file's id
	 * @return the file; fails with {@link MoonshotNotFoundException} when no such file exists
	 * @throws IllegalArgumentException if {@code fileId} is not a well-formed file id (nothing is sent)
	 */
	Mono<FileObject> retrieve(String fileId);

	/**
	 * The text the provider extracted from a {@link FilePurpose#FILE_EXTRACT} upload
	 * ({@code GET /v1/files/{file_id}/content}), decoded as UTF-8 unless the response names another charset.
	 * @param fileId the file's id
	 * @return the extracted text
	 * @throws IllegalArgumentException if {@code fileId} is not a well-formed file id (nothing is sent)
	 */
	Mono<String> content(String fileId);

	/**
	 * Delete an uploaded file ({@code DELETE /v1/files/{file_id}}).
	 * @param fileId the id of the file, as returned when it was uploaded or listed
	 * @return the provider's confirmation; fails with {@link MoonshotNotFoundException} when no such file exists
	 * @throws IllegalArgumentException if {@code fileId} is not a well-formed file id (nothing is sent)
	 */
	Mono<FileDeleteResponse> delete(String fileId);

	/**
	 * Delete a file if it exists.
	 * @param fileId the id of the file
	 * @return {@code true} if the provider deleted it, {@code false} if it answered 404 (already gone); any other
	 * failure is signalled as by {@link #delete(String)}
	 * @throws IllegalArgumentException if {@code fileId} is not a well-formed file id (nothing is sent)
	 */
	Mono<Boolean> deleteIfExists(String fileId);

	/**
	 * Delete many files, at most the configured number at a time, adapted to the provider's rate limit: the first
	 * call runs alone; the concurrency halves on rate limiting and grows while calls succeed; when the provider states
	 * its limit ({@code X-RateLimit-*}), the calls are also paced to keep the organization's bucket from running dry,
	 * which several replicas share fairly. Never stops at a failure: every distinct id gets a {@link FileDeletion}
	 * (deleted, already absent, or failed with its exception); a malformed id fails alone, without a request.
	 * @param fileIds the ids; duplicates are deleted once
	 * @return the report, in the order of the ids; the {@code Mono} itself does not fail
	 */
	Mono<FileDeletionReport> deleteAll(Collection<String> fileIds);

	/**
	 * Delete every file of the account that matches a predicate (one list call, then {@link #deleteAll(Collection)}).
	 * @param filter which files to delete
	 * @return the report
	 */
	Mono<FileDeletionReport> deleteMatching(Predicate<FileObject> filter);

	/**
	 * Delete every file of a scope uploaded more than {@code age} ago (one list call, then
	 * {@link #deleteAll(Collection)}). Files outside the scope are never deleted; to act on every file the key can
	 * see, say so with {@link FileScope#everything()}. For caps, dry runs and quota shares use
	 * {@link dev.moonshot.spring.client.retention.MoonshotRetention}.
	 * @param scope the files the call may delete
	 * @param age the age from which files are deleted, positive
	 * @return the report
	 */
	Mono<FileDeletionReport> deleteOlderThan(FileScope scope, Duration age);

	/**
	 * Upload a file for extraction, read its extracted text, and delete the file, whatever happens: on success, on
	 * error and on cancellation. The upload carries the client's filename prefix, so a file whose deletion failed is
	 * inside the application's scope and the next retention run collects it; the failed deletion is logged once at
	 * WARN (and observed as a failed {@code delete}).
	 * @param file the document
	 * @return the extracted text
	 * @throws IllegalArgumentException as {@link #upload(Resource, FilePurpose)} (nothing is sent)
	 */
	Mono<String> extract(Resource file);

	/**
	 * {@link #extract(Resource)} for a file on the file system.
	 * @param file the document
	 * @return the extracted text
	 * @throws IllegalArgumentException as {@link #upload(Path, FilePurpose)} (nothing is sent)
	 */
	Mono<String> extract(Path file);

	/**
	 * How much of the account's quota (1,000 files, 10 GiB) is in use, from one list call.
	 * @return the usage
	 */
	Mono<FileUsage> usage();

	/**
	 * A blocking view of this client with the same operations, for code that is not reactive (Spring MVC
	 * controllers, batch jobs). Each call waits at most the configured call timeout.
	 * @return the blocking view
	 */
	BlockingMoonshotFilesClient blocking();

	/**
	 * What the provider said about retiring the API version this client speaks, once a response said so
	 * ({@code Deprecation: true}, {@code Sunset}); the client also logs it once, at WARN.
	 * @return the announcement, or {@code null} while there is none (and for implementations that do not watch)
	 */
	default @Nullable MoonshotApiDeprecation deprecation() {
		return null;
	}

	/**
	 * Which API key this client sends now, told by its fingerprint, never by any part of the key: what the health
	 * contributor shows so that an operator can see a rotation arrive. Asks the client's {@link MoonshotCredentials}.
	 * @return the key's fingerprint and since when the client uses it, or {@code null} for implementations that do not
	 * tell
	 */
	default @Nullable ApiKeyInUse apiKeyInUse() {
		return null;
	}

	/**
	 * A builder that starts from this client's settings (key, base URL, WebClient, timeouts, retries, observation),
	 * to build a variant: a health probe without retries, a client with a longer timeout for one batch job.
	 * @return a new builder; changing it does not change this client
	 */
	Builder mutate();

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
		 * Where the API key comes from, asked before every attempt: for a key that rotates while the application
		 * runs (a secrets manager, a mounted secret). Replaces {@link #apiKey(String)}; one of the two is required.
		 * @param credentials the credentials; {@link MoonshotCredentials#apiKey()} must answer from memory
		 * @return this builder
		 */
		Builder credentials(MoonshotCredentials credentials);

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
		 * Most connections to the provider at a time, of the connector the client creates itself; default 100.
		 * Calls beyond it wait for a connection (within their deadline). Only for a client built without
		 * {@link #webClientBuilder(WebClient.Builder)}, as {@link #connectTimeout(Duration)}.
		 * @param maxConnections the pool size, at least 1
		 * @return this builder
		 */
		Builder maxConnections(int maxConnections);

		/**
		 * The longest one attempt may take from sending the request to reading the whole response; default 30
		 * seconds. An attempt that runs out of time may be retried.
		 * @param responseTimeout the response timeout, positive
		 * @return this builder
		 */
		Builder responseTimeout(Duration responseTimeout);

		/**
		 * The longest a call may take as a whole: every attempt and the waits between them; default 60 seconds. No
		 * retry starts that could not end before it.
		 * @param callTimeout the call timeout, positive
		 * @return this builder
		 */
		Builder callTimeout(Duration callTimeout);

		/**
		 * How failed calls are retried; default {@link MoonshotRetrySettings#defaults()}.
		 * @param retrySettings the retry settings
		 * @return this builder
		 */
		Builder retry(MoonshotRetrySettings retrySettings);

		/**
		 * Whether a plain {@code http://} base URL may be used for a host other than the loopback interface. Off by
		 * default, because the API key would travel in clear text; turn it on only for a trusted proxy on a network
		 * you control.
		 * @param allowInsecureHttp whether to allow it
		 * @return this builder
		 */
		Builder allowInsecureHttp(boolean allowInsecureHttp);

		/**
		 * The longest an upload may take, from the first byte sent to the whole response, retries included; default
		 * 5 minutes (a 100 MiB file on a slow uplink takes a while).
		 * @param uploadTimeout the upload timeout, positive
		 * @return this builder
		 */
		Builder uploadTimeout(Duration uploadTimeout);

		/**
		 * The most deletions {@link MoonshotFilesClient#deleteAll(Collection)} runs at a time; default 4. It starts at
		 * 4 (or this bound, if lower) and adapts below this bound to what the provider accepts; kept small so that a
		 * cleanup never exhausts the account's rate limit for the rest of the application.
		 * @param concurrency the bound, from 1 to 64
		 * @return this builder
		 */
		Builder bulkDeleteConcurrency(int concurrency);

		/**
		 * Where the client reports its {@code moonshot.files.requests} observation (one per operation, retries
		 * included, each retry an event {@link MoonshotClientObservationContext#RETRY}); default
		 * {@link ObservationRegistry#NOOP}.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		Builder observationRegistry(ObservationRegistry observationRegistry);

		/**
		 * Names and tags of the client's observation; default
		 * {@link DefaultMoonshotClientObservationConvention}.
		 * @param convention the convention
		 * @return this builder
		 */
		Builder observationConvention(MoonshotClientObservationConvention convention);

		/**
		 * The dated API version to ask for with the {@code kimi-api-version} header, e.g.
		 * {@link MoonshotApiVersion#V2026_09_01_BETA}; default none: no header, the compatible behaviour. With a
		 * version, every list covers the key's <em>project</em> instead of the whole organization, and follows the
		 * provider's pages.
		 * @param apiVersion the version, or {@code null} for the compatible behaviour
		 * @return this builder
		 * @throws IllegalArgumentException if the value is not of the form {@code YYYY-MM-DD[-suffix]}
		 */
		Builder apiVersion(@Nullable String apiVersion);

		/**
		 * Files per page when a list follows the versioned API's pages; default and most 1,000.
		 * @param pageSize the page size, from 1 to 1,000
		 * @return this builder
		 */
		Builder pageSize(int pageSize);

		/**
		 * A prefix the client puts before the filename of every upload: what marks the application's files, so
		 * that a {@link FileScope#filenamePrefix(String) scoped} cleanup deletes only those. Default none. The
		 * provider stores the prefixed name, and the client strips it nowhere.
		 * @param filenamePrefix the prefix, e.g. {@code invoices-}, or {@code null} for none
		 * @return this builder
		 */
		Builder filenamePrefix(@Nullable String filenamePrefix);

		/**
		 * Build the client.
		 * @return the client
		 * @throws IllegalStateException if no API key was given, or both a connect timeout and a WebClient
		 * builder were
		 * @throws IllegalArgumentException if the base URL is not an http(s) URL, or is plain http to a host other
		 * than loopback without {@link #allowInsecureHttp(boolean)}
		 */
		MoonshotFilesClient build();

	}

}
