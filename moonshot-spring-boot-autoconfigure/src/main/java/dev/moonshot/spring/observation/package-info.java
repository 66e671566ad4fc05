/**
 * Observations and metrics of the Moonshot Files client: the {@code moonshot.files.requests} observation per
 * operation, and Micrometer meters for retries and quota usage.
 */
@NullMarked
package dev.moonshot.spring.observation;

import org.jspecify.annotations.NullMarked;
