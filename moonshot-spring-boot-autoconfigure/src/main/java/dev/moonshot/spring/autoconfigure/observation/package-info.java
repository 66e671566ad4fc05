/**
 * Auto-configuration of the Moonshot client's Micrometer meters.
 */
@NullMarked
package dev.moonshot.spring.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
