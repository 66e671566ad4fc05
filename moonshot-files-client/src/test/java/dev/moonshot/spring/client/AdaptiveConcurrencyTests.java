package dev.moonshot.spring.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

class AdaptiveConcurrencyTests {

	@Test
	void theFirstCallRunsAloneThenTheDefaultNeverAboveTheMaximum() {
		AdaptiveConcurrency concurrency = new AdaptiveConcurrency(64);
		List<Sinks.One<String>> calls = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			Sinks.One<String> call = Sinks.one();
			calls.add(call);
			concurrency.run(call::asMono).subscribe();
		}
		assertThat(concurrency.inFlight()).as("the first answer may state the provider's limit").isEqualTo(1);
		calls.get(0).tryEmitValue("first");
		assertThat(concurrency.inFlight()).as("then the default, 4").isEqualTo(4);

		AdaptiveConcurrency small = new AdaptiveConcurrency(2);
		small.run(() -> Mono.just("first")).block();
		assertThat(small.limit()).isEqualTo(2);
	}

	@Test
	void callsOverTheLimitWaitForAPlace() {
		AdaptiveConcurrency concurrency = new AdaptiveConcurrency(2);
		concurrency.run(() -> Mono.just("alone")).block();
		List<Sinks.One<String>> calls = new ArrayList<>();
		List<String> results = new ArrayList<>();

		for (int i = 0; i < 3; i++) {
			Sinks.One<String> call = Sinks.one();
			calls.add(call);
			concurrency.run(call::asMono).subscribe(results::add);
		}

		assertThat(concurrency.inFlight()).isEqualTo(2);
		calls.get(0).tryEmitValue("first");
		assertThat(concurrency.inFlight()).as("the third call got the freed place").isEqualTo(2);
		calls.get(1).tryEmitValue("second");
		calls.get(2).tryEmitValue("third");
		assertThat(results).containsExactly("first", "second", "third");
		assertThat(concurrency.inFlight()).isZero();
	}

	@Test
	void successesGrowTheLimitSlowlyUpToTheMaximum() {
		AdaptiveConcurrency concurrency = new AdaptiveConcurrency(6);
		concurrency.run(() -> Mono.just("alone")).block();

		for (int i = 0; i < 4; i++) {
			concurrency.run(() -> Mono.just("ok")).block();
		}
		assertThat(concurrency.limit()).as("about one more per round of successes").isEqualTo(5);
		for (int i = 0; i < 100; i++) {
			concurrency.run(() -> Mono.just("ok")).block();
		}
		assertThat(concurrency.limit()).isEqualTo(6);
	}

	@Test
	void aRateLimitHalvesTheLimitOnceForTheCallsThatRanTogether() {
		AdaptiveConcurrency concurrency = new AdaptiveConcurrency(8);
		concurrency.run(() -> Mono.just(0)).block();
		List<Sinks.One<Integer>> calls = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			Sinks.One<Integer> call = Sinks.one();
			calls.add(call);
			concurrency.run(call::asMono).subscribe();
		}

		for (int i = 0; i < 4; i++) {
			concurrency.rateLimited();
		}
		calls.forEach((call) -> call.tryEmitValue(429));

		assertThat(concurrency.limit()).as("4 / 2, once, although four calls saw 429s").isEqualTo(2);
		concurrency.run(() -> Mono.fromRunnable(concurrency::rateLimited).thenReturn(1)).block();
		assertThat(concurrency.limit()).isEqualTo(1);
		concurrency.run(() -> Mono.fromRunnable(concurrency::rateLimited).thenReturn(1)).block();
		assertThat(concurrency.limit()).as("never below one").isEqualTo(1);
		concurrency.run(() -> Mono.just(1)).block();
		assertThat(concurrency.limit()).as("and up again").isEqualTo(2);
	}

	@Test
	void aCallCancelledWhileWaitingLeavesNoPlaceTaken() {
		AdaptiveConcurrency concurrency = new AdaptiveConcurrency(1);
		Sinks.One<String> running = Sinks.one();
		concurrency.run(running::asMono).subscribe();
		Disposable waiting = concurrency.run(() -> Mono.just("never")).subscribe();

		waiting.dispose();
		running.tryEmitValue("done");

		assertThat(concurrency.inFlight()).isZero();
		assertThat(concurrency.run(() -> Mono.just("next")).block()).isEqualTo("next");
	}

	@Test
	void withoutAStatedLimitEveryAttemptGoesAtOnce() {
		AdaptiveConcurrency concurrency = new AdaptiveConcurrency(8);
		StepVerifier.create(Flux.range(0, 5).concatMap((i) -> concurrency.turn()))
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		assertThat(concurrency.pacedWaiting()).isZero();
	}

	@Test
	void attemptsTakeTheirTurnsOnePerIntervalAtTheRateOfTheMoment() {
		StepVerifier.withVirtualTime(() -> {
			AdaptiveConcurrency concurrency = new AdaptiveConcurrency(8);
			// 600 a minute: one every 100 ms
			concurrency.answered(9, 600);
			return Flux.range(0, 3)
				.flatMap((i) -> concurrency.turn()
					.then(Mono.fromSupplier(() -> VirtualTimeScheduler.get().now(TimeUnit.MILLISECONDS))));
		})
			.expectSubscription()
			.expectNext(0L)
			.expectNoEvent(Duration.ofMillis(99))
			.thenAwait(Duration.ofMillis(1))
			.expectNext(100L)
			.expectNoEvent(Duration.ofMillis(99))
			.thenAwait(Duration.ofMillis(1))
			.expectNext(200L)
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

	/**
	 * The pipeline asks first whether an attempt's turn is now, so that an attempt that need not wait gets no wait
	 * at all (no operator, no timer): it must take the turn then, and refuse it while the pace says wait.
	 */
	@Test
	void aTurnThatIsNowIsTakenAtOnceAndOneThatIsNotIsRefused() {
		StepVerifier.withVirtualTime(() -> {
			AdaptiveConcurrency unpaced = new AdaptiveConcurrency(8);
			assertThat(unpaced.turnNow()).isTrue();
			assertThat(unpaced.turnNow()).isTrue();
			AdaptiveConcurrency concurrency = new AdaptiveConcurrency(8);
			// 600 a minute: one every 100 ms
			concurrency.answered(9, 600);
			assertThat(concurrency.turnNow()).isTrue();
			assertThat(concurrency.turnNow()).as("the turn taken a moment ago").isFalse();
			return concurrency.turn()
				.then(Mono.fromSupplier(() -> VirtualTimeScheduler.get().now(TimeUnit.MILLISECONDS)));
		}).expectSubscription().thenAwait(Duration.ofMillis(100)).expectNext(100L).expectComplete()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void anAttemptCancelledWhileWaitingForItsTurnLeavesTheQueue() {
		StepVerifier.withVirtualTime(() -> {
			AdaptiveConcurrency concurrency = new AdaptiveConcurrency(8);
			concurrency.answered(9, 600);
			concurrency.turn().block();
			Disposable cancelled = concurrency.turn().subscribe();
			assertThat(concurrency.pacedWaiting()).isEqualTo(1);
			cancelled.dispose();
			assertThat(concurrency.pacedWaiting()).isZero();
			return concurrency.turn()
				.then(Mono.fromSupplier(() -> VirtualTimeScheduler.get().now(TimeUnit.MILLISECONDS)));
		}).expectSubscription().thenAwait(Duration.ofMillis(100)).expectNext(100L).expectComplete()
			.verify(Duration.ofSeconds(10));
	}

}
