package dev.moonshot.spring.client;

import java.util.concurrent.atomic.AtomicReference;

import dev.moonshot.spring.client.model.MoonshotApiDeprecation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Watches a client's responses for the provider's word that its API version is being retired
 * ({@code Deprecation: true}, {@code Sunset: <date>}), keeps it, and logs it once per client at WARN: a warning an
 * operator can act on, never a log storm.
 */
final class DeprecationNotice {

	private static final Log logger = LogFactory.getLog(MoonshotFilesClient.class);

	private final @Nullable String version;

	private final AtomicReference<@Nullable MoonshotApiDeprecation> announced = new AtomicReference<>();

	/**
	 * @param version the version the client asks for, {@code null} for none
	 */
	DeprecationNotice(@Nullable String version) {
		this.version = version;
	}

	/**
	 * Look at a response's headers; cheap when they say nothing.
	 */
	void observe(HttpHeaders headers) {
		String deprecation = headers.getFirst("Deprecation");
		if (deprecation == null || deprecation.equalsIgnoreCase("false") || this.announced.get() != null) {
			return;
		}
		MoonshotApiDeprecation notice = new MoonshotApiDeprecation(this.version, headers.getFirst("Sunset"));
		if (this.announced.compareAndSet(null, notice)) {
			logger.warn(notice.describe());
		}
	}

	@Nullable MoonshotApiDeprecation announced() {
		return this.announced.get();
	}

}
