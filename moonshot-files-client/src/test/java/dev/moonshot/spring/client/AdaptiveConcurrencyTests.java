package dev.moonshot.spring.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

class AdaptiveConcurrencyTests {

	private final AtomicLong rateLimited = new AtomicLong();

	@Test
	void startsAtTheDefaultNeverAboveTheMaximum() {
		assertThat(new AdaptiveConcurrency(64, this.rateLimited::get).limit()).isEqualTo(4);
		assertThat(new AdaptiveConcurrency(2, this.rateLimited::get).limit()).isEqualTo(2);
	}

	@Test
	void callsOverTheLimitWaitForAPlace() {
		AdaptiveConcurrency concurrency = new AdaptiveConcurrency(2, this.rateLimited::get);
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
		AdaptiveConcurrency concurrency = new AdaptiveConcurrency(6, this.rateLimited::get);

		for (int i = 0; i < 5; i++) {
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
		AdaptiveConcurrency concurrency = new AdaptiveConcurrency(8, this.rateLimited::get);
		List<Sinks.One<Integer>> calls = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			Sinks.One<Integer> call = Sinks.one();
			calls.add(call);
			concurrency.run(call::asMono).subscribe();
		}

		this.rateLimited.addAndGet(4);
		calls.forEach((call) -> call.tryEmitValue(429));

		assertThat(concurrency.limit()).as("4 / 2, once, although four calls saw 429s").isEqualTo(2);
		concurrency.run(() -> Mono.fromRunnable(this.rateLimited::incrementAndGet).thenReturn(1)).block();
		assertThat(concurrency.limit()).isEqualTo(1);
		concurrency.run(() -> Mono.fromRunnable(this.rateLimited::incrementAndGet).thenReturn(1)).block();
		assertThat(concurrency.limit()).as("never below one").isEqualTo(1);
		concurrency.run(() -> Mono.just(1)).block();
		assertThat(concurrency.limit()).as("and up again").isEqualTo(2);
	}

	@Test
	void aCallCancelledWhileWaitingLeavesNoPlaceTaken() {
		AdaptiveConcurrency concurrency = new AdaptiveConcurrency(1, this.rateLimited::get);
		Sinks.One<String> running = Sinks.one();
		concurrency.run(running::asMono).subscribe();
		Disposable waiting = concurrency.run(() -> Mono.just("never")).subscribe();

		waiting.dispose();
		running.tryEmitValue("done");

		assertThat(concurrency.inFlight()).isZero();
		assertThat(concurrency.run(() -> Mono.just("next")).block()).isEqualTo("next");
	}

}
