package dev.moonshot.spring.retention;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.log.LogMessage;

/**
 * A {@link RetentionLock} through ShedLock: one runner at a time across every instance that shares the lock
 * provider's store. An instance that does not get the lock skips the run and says so at DEBUG.
 */
public class ShedLockRetentionLock implements RetentionLock {

	private static final Log logger = LogFactory.getLog(ShedLockRetentionLock.class);

	private final LockingTaskExecutor executor;

	private final String name;

	private final Duration atLeast;

	private final Clock clock;

	/**
	 * A lock through the application's ShedLock provider, on the system clock.
	 * @param lockProvider the application's lock provider
	 * @param name the lock's name, the same on every instance
	 * @param atLeast shortest time the lock is held, so that late instances skip instead of repeating the run
	 */
	public ShedLockRetentionLock(LockProvider lockProvider, String name, Duration atLeast) {
		this(lockProvider, name, atLeast, Clock.systemUTC());
	}

	ShedLockRetentionLock(LockProvider lockProvider, String name, Duration atLeast, Clock clock) {
		this.executor = new DefaultLockingTaskExecutor(lockProvider);
		this.name = name;
		this.atLeast = atLeast;
		this.clock = clock;
	}

	@Override
	public <T> Optional<T> runExclusively(Supplier<T> work, Duration atMost) {
		Duration atLeastFor = (this.atLeast.compareTo(atMost) > 0) ? atMost : this.atLeast;
		LockConfiguration lock = new LockConfiguration(this.clock.instant(), this.name, atMost, atLeastFor);
		LockingTaskExecutor.TaskResult<T> result;
		try {
			result = this.executor.executeWithLock(work::get, lock);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
		if (!result.wasExecuted()) {
			logger.debug(LogMessage.format("Moonshot retention run skipped: another instance holds the lock '%s'",
					this.name));
			return Optional.empty();
		}
		return Optional.ofNullable(result.getResult());
	}

}
