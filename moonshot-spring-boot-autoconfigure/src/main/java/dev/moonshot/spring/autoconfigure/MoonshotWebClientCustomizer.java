package dev.moonshot.spring.autoconfigure;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Callback to customize the {@link WebClient.Builder} of the auto-configured {@code MoonshotFilesClient} only (the
 * application's other WebClients are not affected): add a filter, replace the connector, and so on. Beans of this type
 * are applied in {@link org.springframework.core.annotation.Order order}, after Boot's own {@code WebClientCustomizer}s.
 * The client then sets its base URL, {@code Authorization} and {@code User-Agent} headers and JSON decoder itself.
 */
@FunctionalInterface
public interface MoonshotWebClientCustomizer {

	/**
	 * Customize the builder.
	 * @param webClientBuilder the builder the Moonshot client will be built from
	 */
	void customize(WebClient.Builder webClientBuilder);

}
