/**
 * Micrometer meters of the Moonshot Files client, read off its {@code moonshot.files.requests} observations: retries
 * and quota usage.
 */
@NullMarked
package dev.moonshot.spring.observation;

import org.jspecify.annotations.NullMarked;
