package dev.moonshot.spring.sample;

import java.time.Duration;
import java.time.Instant;

import dev.moonshot.spring.autoconfigure.MoonshotConnectionDetails;
import dev.moonshot.spring.test.FakeRateLimit;
import dev.moonshot.spring.test.MoonshotFakeServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Without an API key, the sample runs against an embedded fake of the Moonshot Files API, seeded with a few files,
 * so that it can be tried with no account and no network. With {@code MOONSHOT_API_KEY} (or
 * {@code moonshot.api-key}) set, this configuration stays out of the way and the starter talks to the provider.
 * <p>
 * It works the way Boot's service connections do: a {@link MoonshotConnectionDetails} bean, which the starter's
 * auto-configuration uses instead of the properties.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OfflineMoonshotConfiguration.NoApiKeyCondition.class)
class OfflineMoonshotConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(OfflineMoonshotConfiguration.class);

	@Bean(destroyMethod = "close")
	MoonshotFakeServer moonshotFakeServer(
			@Value("${sample.fake.rate-limit-per-second:0}") double rateLimitPerSecond) {
		MoonshotFakeServer fake = MoonshotFakeServer.start();
		if (rateLimitPerSecond > 0) {
			// the provider's organization-wide limit, for a workload that meets it (dashboards/check-with-prometheus.sh)
			fake.rateLimit(new FakeRateLimit(rateLimitPerSecond, (int) Math.ceil(rateLimitPerSecond), 16, true));
		}
		Instant now = Instant.now();
		fake.seed("welcome.txt", "file-extract", "Welcome to the Moonshot sample. This text was extracted by the "
				+ "embedded fake of the Files API.", now.minus(Duration.ofHours(1)));
		fake.seed("q3-report.pdf", "file-extract", "Q3 revenue grew 12% over Q2.", now.minus(Duration.ofDays(10)));
		fake.seed("old-contract.pdf", "file-extract", "This contract expired long ago.",
				now.minus(Duration.ofDays(90)));
		logger.warn("No MOONSHOT_API_KEY is set: the sample runs against an EMBEDDED FAKE of the Moonshot Files API at "
				+ "{} (seeded with {} files). Set MOONSHOT_API_KEY to use the real provider.", fake.baseUrl(),
				fake.files().size());
		return fake;
	}

	@Bean
	MoonshotConnectionDetails offlineMoonshotConnectionDetails(MoonshotFakeServer fake) {
		return new MoonshotConnectionDetails() {

			@Override
			public String getBaseUrl() {
				return fake.baseUrl();
			}

			@Override
			public @Nullable String getApiKey() {
				return fake.apiKey();
			}

		};
	}

	/**
	 * Matches when neither {@code moonshot.api-key} nor {@code MOONSHOT_API_KEY} has a value.
	 */
	static class NoApiKeyCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			boolean hasKey = StringUtils.hasText(context.getEnvironment().getProperty("moonshot.api-key"))
					|| StringUtils.hasText(context.getEnvironment().getProperty("MOONSHOT_API_KEY"));
			return hasKey ? ConditionOutcome.noMatch("a Moonshot API key is configured")
					: ConditionOutcome.match("no Moonshot API key is configured");
		}

	}

}
