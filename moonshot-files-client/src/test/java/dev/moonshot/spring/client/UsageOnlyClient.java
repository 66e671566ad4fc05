package dev.moonshot.spring.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

import dev.moonshot.spring.client.model.FileDeleteResponse;
import dev.moonshot.spring.client.model.FileDeletionReport;
import dev.moonshot.spring.client.model.FileObject;
import dev.moonshot.spring.client.model.FilePurpose;
import dev.moonshot.spring.client.model.FileScope;
import dev.moonshot.spring.client.model.FileUsage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.Resource;

/**
 * A {@link MoonshotFilesClient} of an application's own, as users write them for tests or decorators: it answers
 * {@link #usage()} with what it was given, cannot be rebuilt ({@link #mutate()} throws), and supports nothing else.
 */
public final class UsageOnlyClient implements MoonshotFilesClient {

	private final Mono<FileUsage> usage;

	/**
	 * @param usage what {@link #usage()} returns
	 */
	public UsageOnlyClient(Mono<FileUsage> usage) {
		this.usage = usage;
	}

	@Override
	public Mono<FileUsage> usage() {
		return this.usage;
	}

	@Override
	public Builder mutate() {
		throw new UnsupportedOperationException("an application's own client cannot be rebuilt");
	}

	@Override
	public Mono<FileObject> upload(Resource file, FilePurpose purpose) {
		throw new UnsupportedOperationException();
	}

	@Override
	public Mono<FileObject> upload(Path file, FilePurpose purpose) {
		throw new UnsupportedOperationException();
	}

	@Override
	public Mono<List<FileObject>> list() {
		throw new UnsupportedOperationException();
	}

	@Override
	public Flux<FileObject> files() {
		throw new UnsupportedOperationException();
	}

	@Override
	public Mono<FileObject> retrieve(String fileId) {
		throw new UnsupportedOperationException();
	}

	@Override
	public Mono<String> content(String fileId) {
		throw new UnsupportedOperationException();
	}

	@Override
	public Mono<FileDeleteResponse> delete(String fileId) {
		throw new UnsupportedOperationException();
	}

	@Override
	public Mono<Boolean> deleteIfExists(String fileId) {
		throw new UnsupportedOperationException();
	}

	@Override
	public Mono<FileDeletionReport> deleteAll(Collection<String> fileIds) {
		throw new UnsupportedOperationException();
	}

	@Override
	public Mono<FileDeletionReport> deleteMatching(Predicate<FileObject> filter) {
		throw new UnsupportedOperationException();
	}

	@Override
	public Mono<FileDeletionReport> deleteOlderThan(FileScope scope, Duration age) {
		throw new UnsupportedOperationException();
	}

	@Override
	public Mono<String> extract(Resource file) {
		throw new UnsupportedOperationException();
	}

	@Override
	public Mono<String> extract(Path file) {
		throw new UnsupportedOperationException();
	}

	@Override
	public BlockingMoonshotFilesClient blocking() {
		throw new UnsupportedOperationException();
	}

}
