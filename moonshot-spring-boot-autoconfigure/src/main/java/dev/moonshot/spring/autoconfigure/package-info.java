/**
 * Spring Boot auto-configuration of the Moonshot Files client: properties under {@code moonshot}, connection
 * details, customizer hooks and startup failure analysis. No HTTP logic lives here.
 */
@NullMarked
package dev.moonshot.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
