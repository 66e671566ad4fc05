/**
 * Auto-configuration of the {@code moonshot} health contributor.
 */
@NullMarked
package dev.moonshot.spring.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
