package dev.moonshot.spring.autoconfigure.health;

import dev.moonshot.spring.autoconfigure.MoonshotAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class MoonshotHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, MoonshotAutoConfiguration.class,
				MoonshotHealthContributorAutoConfiguration.class))
		.withPropertyValues("moonshot.api-key=k");

	@Test
	void contributesTheMoonshotIndicator() {
		this.contextRunner
			.run((context) -> assertThat(context).hasBean("moonshotHealthContributor")
				.getBean("moonshotHealthContributor")
				.isInstanceOf(dev.moonshot.spring.health.MoonshotHealthIndicator.class));
	}

	@Test
	void canBeDisabled() {
		this.contextRunner.withPropertyValues("management.health.moonshot.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("moonshotHealthContributor"));
	}

	@Test
	void backsOffWithoutBootsHealthSupport() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ReactiveHealthContributor.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("moonshotHealthContributor"));
	}

	@Test
	void backsOffWithoutTheClient() {
		this.contextRunner.withPropertyValues("moonshot.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("moonshotHealthContributor"));
	}

	@Test
	void aUserIndicatorOfTheSameNameWins() {
		this.contextRunner.withBean("moonshotHealthIndicator", ReactiveHealthContributor.class,
				() -> (org.springframework.boot.health.contributor.ReactiveHealthIndicator) () -> reactor.core.publisher.Mono
					.just(org.springframework.boot.health.contributor.Health.up().build()))
			.run((context) -> assertThat(context).doesNotHaveBean("moonshotHealthContributor"));
	}

}
