/**
 * Actuator health of the Moonshot integration: reachability and key validity in one cached probe.
 */
@NullMarked
package dev.moonshot.spring.health;

import org.jspecify.annotations.NullMarked;
