package dev.moonshot.spring.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import dev.moonshot.spring.client.exception.MoonshotMalformedResponseException;
import dev.moonshot.spring.client.exception.MoonshotTimeoutException;
import dev.moonshot.spring.client.model.FileDeleteResponse;
import dev.moonshot.spring.client.model.FileDeletionReport;
import dev.moonshot.spring.client.model.FileObject;
import dev.moonshot.spring.client.model.FilePurpose;
import dev.moonshot.spring.client.model.FileScope;
import dev.moonshot.spring.client.model.FileUsage;
import org.jspecify.annotations.Nullable;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.Resource;

/**
 * {@link BlockingMoonshotFilesClient} that subscribes to the reactive call and waits for it.
 * <p>
 * Single calls end themselves at their deadline (the call timeout, or the upload timeout); the wait here is bounded
 * by that same deadline plus a short grace, as a last guard against a pipeline that never signals. Bulk operations are many calls, each with its own deadline,
 * so their wait is bounded by those.
 */
final class DefaultBlockingMoonshotFilesClient implements BlockingMoonshotFilesClient {

	private static final Duration GRACE = Duration.ofSeconds(1);

	private final MoonshotFilesClient client;

	private final Duration callTimeout;

	private final Duration uploadTimeout;

	DefaultBlockingMoonshotFilesClient(MoonshotFilesClient client, Duration callTimeout, Duration uploadTimeout) {
		this.client = client;
		this.callTimeout = callTimeout;
		this.uploadTimeout = uploadTimeout;
	}

	@Override
	public FileObject upload(Resource file, FilePurpose purpose) {
		return await("upload", this.client.upload(file, purpose), this.uploadTimeout);
	}

	@Override
	public FileObject upload(Path file, FilePurpose purpose) {
		return await("upload", this.client.upload(file, purpose), this.uploadTimeout);
	}

	@Override
	public List<FileObject> list() {
		return await("list", this.client.list(), this.callTimeout);
	}

	@Override
	public FileObject retrieve(String fileId) {
		return await("retrieve", this.client.retrieve(fileId), this.callTimeout);
	}

	@Override
	public String content(String fileId) {
		return await("content", this.client.content(fileId), this.callTimeout);
	}

	@Override
	public FileDeleteResponse delete(String fileId) {
		return await("delete", this.client.delete(fileId), this.callTimeout);
	}

	@Override
	public boolean deleteIfExists(String fileId) {
		return await("deleteIfExists", this.client.deleteIfExists(fileId), this.callTimeout);
	}

	@Override
	public FileDeletionReport deleteAll(Collection<String> fileIds) {
		return await("deleteAll", this.client.deleteAll(fileIds), null);
	}

	@Override
	public FileDeletionReport deleteMatching(Predicate<FileObject> filter) {
		return await("deleteMatching", this.client.deleteMatching(filter), null);
	}

	@Override
	public FileDeletionReport deleteOlderThan(FileScope scope, Duration age) {
		return await("deleteOlderThan", this.client.deleteOlderThan(scope, age), null);
	}

	@Override
	public String extract(Resource file) {
		return await("extract", this.client.extract(file), null);
	}

	@Override
	public String extract(Path file) {
		return await("extract", this.client.extract(file), null);
	}

	@Override
	public FileUsage usage() {
		return await("usage", this.client.usage(), this.callTimeout);
	}

	/**
	 * Wait for a call. On a thread that must not block (an event loop, a parallel scheduler worker) it fails with an
	 * {@link IllegalStateException} before the call starts: Reactor's {@code block(Duration)} refuses too, but only
	 * after subscribing, so the request (a delete, say) would go out while its caller is told it failed.
	 */
	private <T> T await(String operation, Mono<T> call, @Nullable Duration timeout) {
		if (Schedulers.isInNonBlockingThread()) {
			throw new IllegalStateException("Moonshot " + operation + " is blocking, which is not supported in thread "
					+ Thread.currentThread().getName() + ": nothing was sent. Use the reactive MoonshotFilesClient "
					+ "there, or call the blocking view from a thread that may block");
		}
		T result;
		try {
			result = (timeout != null) ? call.block(timeout.plus(GRACE)) : call.block();
		}
		catch (RuntimeException ex) {
			if (timeout != null && Exceptions.unwrap(ex) instanceof TimeoutException) {
				throw new MoonshotTimeoutException("Moonshot " + operation + " did not complete within "
						+ timeout.toMillis() + " ms", MoonshotTimeoutException.TimeoutType.CALL, timeout, null);
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
