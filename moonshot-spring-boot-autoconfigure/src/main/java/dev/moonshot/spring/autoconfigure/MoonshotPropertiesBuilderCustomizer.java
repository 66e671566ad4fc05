package dev.moonshot.spring.autoconfigure;

import java.util.EnumSet;
import java.util.Set;

import dev.moonshot.spring.client.MoonshotFilesClient;
import dev.moonshot.spring.client.MoonshotRetrySettings;
import dev.moonshot.spring.client.model.FilePurpose;
import dev.moonshot.spring.client.model.FileScope;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.core.Ordered;
import org.springframework.util.StringUtils;

/**
 * Applies the {@code moonshot.*} properties to the client's builder: one {@link MoonshotFilesClientBuilderCustomizer}
 * among the others, of order {@value #ORDER}. A customizer of yours with a lower order runs before it (the
 * properties then override what it set); one with a higher order, or none (the default), runs after it and has the
 * last word. Every "blank means none" of the properties is decided here, for the client and for the retention job.
 */
public final class MoonshotPropertiesBuilderCustomizer implements MoonshotFilesClientBuilderCustomizer, Ordered {

	/** The order of this customizer. */
	public static final int ORDER = 0;

	private final MoonshotProperties properties;

	MoonshotPropertiesBuilderCustomizer(MoonshotProperties properties) {
		this.properties = properties;
	}

	@Override
	public void customize(MoonshotFilesClient.Builder builder) {
		PropertyMapper map = PropertyMapper.get();
		MoonshotProperties properties = this.properties;
		map.from(properties::isAllowInsecureHttp).to(builder::allowInsecureHttp);
		map.from(properties::getResponseTimeout).to(builder::responseTimeout);
		map.from(properties::getCallTimeout).to(builder::callTimeout);
		map.from(properties::getUploadTimeout).to(builder::uploadTimeout);
		map.from(properties.getRetry()).as(MoonshotPropertiesBuilderCustomizer::retrySettings).to(builder::retry);
		map.from(properties::getBulkDeleteConcurrency).to(builder::bulkDeleteConcurrency);
		map.from(apiVersion(properties)).to(builder::apiVersion);
		map.from(properties::getPageSize).to(builder::pageSize);
		map.from(filenamePrefix(properties)).to(builder::filenamePrefix);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	/**
	 * The files the application owns, as {@code moonshot.scope.*} says: its filename prefix, narrowed to its
	 * purposes; without a prefix, every file the key can see, when {@code everything} is said or an API version makes
	 * lists cover the key's project only. {@link FileScope} holds the rule and refuses anything else.
	 * @param properties the properties
	 * @param everything whether the application said it owns every file the key can see
	 * @return the scope
	 * @throws IllegalArgumentException when nothing says which files are the application's
	 */
	public static FileScope fileScope(MoonshotProperties properties, boolean everything) {
		String prefix = filenamePrefix(properties);
		Set<FilePurpose> purposes = properties.getScope().getPurposes().isEmpty() ? Set.of()
				: EnumSet.copyOf(properties.getScope().getPurposes());
		return (prefix != null) ? new FileScope(prefix, purposes, false)
				: new FileScope(null, purposes, everything || apiVersion(properties) != null);
	}

	private static @Nullable String apiVersion(MoonshotProperties properties) {
		String version = properties.getApiVersion();
		return StringUtils.hasText(version) ? version.strip() : null;
	}

	private static @Nullable String filenamePrefix(MoonshotProperties properties) {
		String prefix = properties.getScope().getFilenamePrefix();
		return StringUtils.hasText(prefix) ? prefix : null;
	}

	private static MoonshotRetrySettings retrySettings(MoonshotProperties.Retry retry) {
		return new MoonshotRetrySettings(retry.isEnabled(), retry.getMaxAttempts(), retry.getInitialBackoff(),
				retry.getMaxBackoff(), retry.getJitter(), retry.getBudget().getCapacity(),
				retry.getBudget().getRefillPerSuccess());
	}

}
