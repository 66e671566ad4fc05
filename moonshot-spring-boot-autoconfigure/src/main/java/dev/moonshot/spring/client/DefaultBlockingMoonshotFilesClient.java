package dev.moonshot.spring.client;

import java.time.Duration;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@link BlockingMoonshotFilesClient} that subscribes to the reactive call and waits for it.
 * <p>
 * The reactive call ends itself at the response timeout; the wait here is bounded by that same timeout plus a short
 * grace, as a last guard against a pipeline that never signals.
 */
final class DefaultBlockingMoonshotFilesClient implements BlockingMoonshotFilesClient {

	private static final Duration GRACE = Duration.ofSeconds(1);

	private final MoonshotFilesClient client;

	private final Duration timeout;

	DefaultBlockingMoonshotFilesClient(MoonshotFilesClient client, Duration timeout) {
		this.client = client;
		this.timeout = timeout;
	}

	@Override
	public FileDeleteResponse delete(String fileId) {
		return await("delete", this.client.delete(fileId));
	}

	private <T> T await(String operation, Mono<T> call) {
		if (Schedulers.isInNonBlockingThread()) {
			throw new IllegalStateException("BlockingMoonshotFilesClient." + operation + "(...) was called on thread '"
					+ Thread.currentThread().getName() + "', which must not block (an event loop or a parallel "
					+ "scheduler worker): blocking it would stall every request that thread serves. In reactive "
					+ "code use MoonshotFilesClient." + operation + "(...), which returns a Mono; otherwise call the "
					+ "blocking view from a thread that may block, e.g. one of Schedulers.boundedElastic().");
		}
		T result;
		try {
			result = call.block(this.timeout.plus(GRACE));
		}
		catch (IllegalStateException ex) {
			if (ex.getMessage() != null && ex.getMessage().startsWith("Timeout on blocking read")) {
				throw new MoonshotTimeoutException("Moonshot " + operation + " did not complete within "
						+ this.timeout.toMillis() + " ms (moonshot.response-timeout)",
						MoonshotTimeoutException.TimeoutType.RESPONSE, this.timeout, null);
			}
			throw ex;
		}
		if (result == null) {
			throw new MoonshotMalformedResponseException("Moonshot " + operation + " completed without a result",
					null);
		}
		return result;
	}

}
