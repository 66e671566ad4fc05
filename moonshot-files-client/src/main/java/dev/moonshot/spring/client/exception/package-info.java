/**
 * The exceptions of the Moonshot Files client: one root, an API branch (one class per meaningful answer) and a
 * transport branch, with the one classification of a failure ({@link dev.moonshot.spring.client.exception.MoonshotFailureKind}).
 */
@NullMarked
package dev.moonshot.spring.client.exception;

import org.jspecify.annotations.NullMarked;
