/**
 * Test support for applications that use the Moonshot Files client: {@link dev.moonshot.spring.test.MoonshotFakeServer},
 * an in-memory fake of the Files API on a loopback port, with a JUnit 5 extension and a one-line Spring test
 * annotation.
 */
@NullMarked
package dev.moonshot.spring.test;

import org.jspecify.annotations.NullMarked;
