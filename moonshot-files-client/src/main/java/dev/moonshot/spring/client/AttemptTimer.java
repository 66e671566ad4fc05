package dev.moonshot.spring.client;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What bounds an attempt in time: Netty's hashed wheel timer, one daemon thread for every client of the JVM, ticking
 * every 10 ms. Arming and disarming a timeout is a lock-free queue operation; a {@code ScheduledThreadPoolExecutor}
 * (Reactor's {@code Schedulers.parallel()}, which {@code Mono.timeout(Duration)} uses) takes a lock and wakes its
 * worker thread for every task that becomes the earliest, which every attempt's timeout is when calls run one after
 * another: a thread wake-up per call, the largest share of the client's own CPU on the success path. The price is a
 * tick of precision, and a thread that wakes 100 times a second once a call has been made.
 * <p>
 * A timeout that fires is handed to {@code Schedulers.parallel()}, so that what follows it (the translation, the
 * retry decision, the caller's own reaction) never runs on, nor holds up, the wheel's thread.
 */
final class AttemptTimer {

	private static final HashedWheelTimer WHEEL = new HashedWheelTimer(
			new DefaultThreadFactory("moonshot-attempt-timer", true), 10, TimeUnit.MILLISECONDS, 512);

	private AttemptTimer() {
	}

	/**
	 * A signal after a time, for {@code Mono.timeout(Publisher, Mono)}: disarmed when cancelled.
	 * @param delay how long
	 * @return a {@code Mono} that emits once the time is up
	 */
	static Mono<Long> after(Duration delay) {
		long nanos = delay.toNanos();
		return Mono.create((sink) -> {
			Timeout timeout = WHEEL.newTimeout((fired) -> {
				try {
					Schedulers.parallel().schedule(() -> sink.success(0L));
				}
				catch (RejectedExecutionException ex) {
					// the scheduler is shutting down: the attempt still ends at its time
					sink.success(0L);
				}
			}, nanos, TimeUnit.NANOSECONDS);
			sink.onCancel(timeout::cancel);
		});
	}

}
