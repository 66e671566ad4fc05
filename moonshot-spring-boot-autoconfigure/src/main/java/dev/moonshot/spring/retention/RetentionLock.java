package dev.moonshot.spring.retention;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a run makes sure it is the only one: locally always, or through a lock the instances share.
 */
@FunctionalInterface
public interface RetentionLock {

	/**
	 * Run the work if this instance gets the lock.
	 * @param work the run
	 * @param atMost longest the lock may be held (the run's deadline)
	 * @param <T> the run's result
	 * @return the result, or empty when another instance holds the lock
	 */
	<T> Optional<T> runExclusively(Supplier<T> work, Duration atMost);

	/**
	 * No lock: the run always goes ahead. On several replicas, each runs its own cleanup.
	 * @return the lock of a single instance
	 */
	static RetentionLock local() {
		return new RetentionLock() {

			@Override
			public <T> Optional<T> runExclusively(Supplier<T> work, Duration atMost) {
				return Optional.ofNullable(work.get());
			}

		};
	}

}
