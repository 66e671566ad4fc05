/**
 * The scheduled retention job of the Moonshot Files client, its lock across instances and its Actuator endpoint.
 */
@NullMarked
package dev.moonshot.spring.retention;

import org.jspecify.annotations.NullMarked;
