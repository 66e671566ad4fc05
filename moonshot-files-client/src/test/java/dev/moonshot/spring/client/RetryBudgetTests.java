package dev.moonshot.spring.client;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBudgetTests {

	@Test
	void budgetRefillsWithSuccessesUpToItsCapacity() {
		RetryBudget budget = new RetryBudget(2, 0.5);
		assertThat(budget.tryAcquire()).isTrue();
		assertThat(budget.tryAcquire()).isTrue();
		assertThat(budget.tryAcquire()).isFalse();
		budget.onSuccess();
		assertThat(budget.tryAcquire()).as("half a token is not a retry").isFalse();
		budget.onSuccess();
		assertThat(budget.tryAcquire()).isTrue();
		for (int i = 0; i < 100; i++) {
			budget.onSuccess();
		}
		assertThat(budget.tryAcquire()).isTrue();
		assertThat(budget.tryAcquire()).isTrue();
		assertThat(budget.tryAcquire()).as("refilled up to its capacity, no further").isFalse();
	}

	@Test
	void concurrentRetriesNeverSpendMoreThanTheCapacity() {
		RetryBudget budget = new RetryBudget(50, 0);
		AtomicInteger granted = new AtomicInteger();

		Flux.range(0, 1_000)
			.parallel(4)
			.runOn(Schedulers.parallel())
			.doOnNext((i) -> {
				if (budget.tryAcquire()) {
					granted.incrementAndGet();
				}
			})
			.sequential()
			.blockLast();

		assertThat(granted).hasValue(50);
		assertThat(budget.tryAcquire()).isFalse();
	}

	@Test
	void aBudgetOfNothingGrantsNothing() {
		RetryBudget budget = new RetryBudget(0, 0.1);
		budget.onSuccess();

		assertThat(budget.tryAcquire()).isFalse();
	}

}
