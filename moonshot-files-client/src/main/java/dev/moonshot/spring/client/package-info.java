/**
 * Client for the Moonshot AI (Kimi) Files API, built on Spring's reactive {@code WebClient}.
 * <p>
 * Usable without Spring Boot: create a client with {@link dev.moonshot.spring.client.MoonshotFilesClient#builder()}.
 * Every failure is reported as a {@link dev.moonshot.spring.client.MoonshotException}.
 */
@NullMarked
package dev.moonshot.spring.client;

import org.jspecify.annotations.NullMarked;
