package dev.moonshot.spring.autoconfigure;

import dev.moonshot.spring.client.MoonshotFilesClient;

/**
 * Callback to customize the auto-configured {@link MoonshotFilesClient.Builder}, after the {@code moonshot.*}
 * properties were applied to it: retry settings that depend on the environment, an observation convention, a longer
 * timeout. Beans of this type are applied in {@link org.springframework.core.annotation.Order order}; the
 * auto-configured client is that builder, built. To change the WebClient itself, use a
 * {@link MoonshotWebClientCustomizer}.
 */
@FunctionalInterface
public interface MoonshotFilesClientBuilderCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder the Moonshot client will be built from
	 */
	void customize(MoonshotFilesClient.Builder builder);

}
