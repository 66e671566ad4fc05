package dev.moonshot.spring.test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a test asked the fake to do besides answering: faults queued per operation, the rollout 400, a steady
 * latency, a deprecation notice; and what it counts, the requests per operation. Its state is guarded by its own
 * monitor.
 */
final class FakeFaults {

	private final Map<FakeOperation, Deque<FakeFault>> queued = new EnumMap<>(FakeOperation.class);

	private final Map<FakeOperation, Integer> rollouts = new EnumMap<>(FakeOperation.class);

	private final Map<FakeOperation, Integer> requests = new EnumMap<>(FakeOperation.class);

	private Duration latency = Duration.ZERO;

	private @Nullable String sunset;

	FakeFaults() {
		reset();
	}

	synchronized void queue(FakeOperation operation, int times, FakeFault fault) {
		for (int i = 0; i < times; i++) {
			this.queued.get(operation).add(fault);
		}
	}

	synchronized void rollout(FakeOperation operation, int times) {
		this.rollouts.merge(operation, times, Integer::sum);
	}

	synchronized void latency(Duration latency) {
		this.latency = latency;
	}

	synchronized Duration latency() {
		return this.latency;
	}

	synchronized void sunset(@Nullable String sunset) {
		this.sunset = sunset;
	}

	synchronized @Nullable String sunset() {
		return this.sunset;
	}

	synchronized int requestCount(FakeOperation operation) {
		return this.requests.get(operation);
	}

	/** A request arrived, whatever happens to it. */
	synchronized void arrived(FakeOperation operation) {
		this.requests.merge(operation, 1, Integer::sum);
	}

	/**
	 * What happens to an admitted request instead of its answer.
	 * @param operation what it asks for
	 * @param versioned whether it carries a version header (the rollout 400 answers only those without one, and
	 * leaves the queued faults alone)
	 * @return the fault (the rollout 400 among them), or {@code null} to answer as usual
	 */
	synchronized @Nullable FakeFault next(FakeOperation operation, boolean versioned) {
		int rollouts = this.rollouts.get(operation);
		if (!versioned && rollouts > 0) {
			this.rollouts.put(operation, rollouts - 1);
			return ROLLOUT;
		}
		return this.queued.get(operation).poll();
	}

	synchronized void reset() {
		for (FakeOperation operation : FakeOperation.values()) {
			this.queued.put(operation, new ArrayDeque<>());
			this.rollouts.put(operation, 0);
			this.requests.put(operation, 0);
		}
		this.latency = Duration.ZERO;
		this.sunset = null;
	}

	/** The 400 seen during the version header's rollout. */
	private static final FakeFault ROLLOUT = FakeFault.error(400, "invalid_request_error",
			"missing required header Kimi-Api-Version");

}
