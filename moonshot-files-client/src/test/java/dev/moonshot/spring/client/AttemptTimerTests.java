package dev.moonshot.spring.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class AttemptTimerTests {

	/**
	 * What a fired timeout starts (the translation, the retry decision, the caller's own code) runs on Reactor's
	 * {@code parallel} scheduler, never on the wheel's one thread, where it would hold up every other timeout.
	 */
	@Test
	void aFiredTimeoutIsHandedToTheParallelScheduler() {
		StepVerifier.create(AttemptTimer.after(Duration.ofMillis(20)).map((fired) -> Thread.currentThread().getName()))
			.assertNext((thread) -> assertThat(thread).startsWith("parallel-"))
			.expectComplete()
			.verify(Duration.ofSeconds(30));
	}

	/** The attempt that ends first wins; the timer is disarmed, and the attempt's value goes through. */
	@Test
	void anAttemptThatEndsInTimeIsNotCutShort() {
		StepVerifier.create(Mono.just("answer").timeout(AttemptTimer.after(Duration.ofSeconds(30)), Mono.just("late")))
			.expectNext("answer")
			.expectComplete()
			.verify(Duration.ofSeconds(30));
	}

	@Test
	void anAttemptThatDoesNotEndInTimeGetsTheFallback() {
		StepVerifier.create(Mono.never().timeout(AttemptTimer.after(Duration.ofMillis(20)), Mono.just("timed out")))
			.expectNext("timed out")
			.expectComplete()
			.verify(Duration.ofSeconds(30));
	}

}
