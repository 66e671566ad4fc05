/**
 * Cleanup of an application's own files: retention rules, runs and their reports.
 */
@NullMarked
package dev.moonshot.spring.client.retention;

import org.jspecify.annotations.NullMarked;
