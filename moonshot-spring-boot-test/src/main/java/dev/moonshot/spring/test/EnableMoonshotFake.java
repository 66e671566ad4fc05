package dev.moonshot.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a {@link MoonshotFakeServer} for a Spring test's application context and points {@code moonshot.base-url}
 * and {@code moonshot.api-key} at it: one line on a {@code @SpringBootTest} class. The fake is a bean of the context
 * (inject it to seed files or inject faults), lives as long as the context, and keeps its files between tests of a
 * cached context: call {@link MoonshotFakeServer#reset()} where a test needs it empty.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface EnableMoonshotFake {

}
