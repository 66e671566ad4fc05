/**
 * The records users receive from the Moonshot Files client: files, deletions, purposes, scopes and quota usage.
 */
@NullMarked
package dev.moonshot.spring.client.model;

import org.jspecify.annotations.NullMarked;
