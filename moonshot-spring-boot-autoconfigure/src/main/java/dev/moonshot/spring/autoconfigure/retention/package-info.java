/**
 * Auto-configuration of the Moonshot retention job, its lock and its endpoint.
 */
@NullMarked
package dev.moonshot.spring.autoconfigure.retention;

import org.jspecify.annotations.NullMarked;
