/**
 * Client for the Moonshot AI (Kimi) Files API, built on Spring's reactive {@code WebClient}.
 * <p>
 * Usable without Spring Boot: create a client with {@link dev.moonshot.spring.client.MoonshotFilesClient#builder()}.
 * Every failure is reported as a {@link dev.moonshot.spring.client.exception.MoonshotException}; the records it
 * returns are in {@link dev.moonshot.spring.client.model}, cleanup in {@link dev.moonshot.spring.client.retention}.
 * The engine (each endpoint declared once, the call pipeline, the retry policy, the rate limiter, the translator and
 * the decoders) is package-private beside this API.
 */
@NullMarked
package dev.moonshot.spring.client;

import org.jspecify.annotations.NullMarked;
