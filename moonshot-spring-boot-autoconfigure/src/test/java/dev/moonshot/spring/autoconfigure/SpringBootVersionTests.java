package dev.moonshot.spring.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootVersion;
import org.springframework.core.SpringVersion;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite runs on the Spring Boot line the build was asked for ({@code -Dspring-boot.version}, as the CI matrix
 * does), not on whatever happened to be resolved: the classpath's Boot is the one requested.
 */
class SpringBootVersionTests {

	@Test
	void theClasspathHasTheRequestedSpringBoot() {
		String expected = System.getProperty("moonshot.expected-spring-boot-version");
		assertThat(expected).as("set by the build's surefire configuration").isNotBlank();
		assertThat(SpringBootVersion.getVersion()).isEqualTo(expected);
		assertThat(SpringVersion.getVersion()).as("Spring Framework 7").startsWith("7.");
	}

}
