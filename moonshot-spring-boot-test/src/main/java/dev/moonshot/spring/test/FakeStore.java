package dev.moonshot.spring.test;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * The account the fake keeps: its files with the provider's limits, the page tokens it handed out, and what each
 * idempotency key was first used for. Its state is guarded by its own monitor.
 */
final class FakeStore {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String ID_ALPHABET = "0123456789abcdefghijklmnopqrstuv";

	private final Map<String, FakeFile> files = new LinkedHashMap<>();

	private final Map<String, Integer> pageTokens = new HashMap<>();

	private final Map<String, Replay> idempotencyKeys = new HashMap<>();

	synchronized List<FakeFile> files() {
		return List.copyOf(this.files.values());
	}

	synchronized FakeFile add(String filename, String purpose, long bytes, Instant createdAt, byte[] content,
			String project) {
		FakeFile file = new FakeFile(newId(), filename, purpose, bytes, createdAt, content, project);
		this.files.put(file.id(), file);
		return file;
	}

	synchronized @Nullable FakeFile find(@Nullable String id, Predicate<FakeFile> visible) {
		FakeFile file = (id != null) ? this.files.get(id) : null;
		return (file != null && visible.test(file)) ? file : null;
	}

	synchronized @Nullable FakeFile remove(@Nullable String id, Predicate<FakeFile> visible) {
		FakeFile file = find(id, visible);
		return (file != null) ? this.files.remove(file.id()) : null;
	}

	/**
	 * Store an upload, within the account's limits; a repeated idempotency key replays the first upload.
	 * @param filename its name
	 * @param purpose its purpose
	 * @param content its bytes
	 * @param versioned whether it came through the versioned API (whose ids have another form, and which replays)
	 * @param idempotencyKey its {@code Idempotency-Key}, if any
	 * @return what happened
	 */
	synchronized Upload upload(String filename, String purpose, byte[] content, boolean versioned,
			@Nullable String idempotencyKey) {
		String digest = filename + '\n' + purpose + '\n' + java.util.Arrays.hashCode(content);
		Replay replay = (versioned && idempotencyKey != null) ? this.idempotencyKeys.get(idempotencyKey) : null;
		if (replay != null) {
			if (!replay.digest().equals(digest)) {
				return new Upload(Upload.Outcome.CONFLICT, null);
			}
			FakeFile first = this.files.get(replay.fileId());
			if (first != null) {
				return new Upload(Upload.Outcome.REPLAYED, first);
			}
		}
		if (this.files.size() >= MoonshotFakeServer.MAX_FILES) {
			return new Upload(Upload.Outcome.TOO_MANY_FILES, null);
		}
		long total = this.files.values().stream().mapToLong(FakeFile::bytes).sum();
		if (total + content.length > MoonshotFakeServer.MAX_TOTAL_BYTES) {
			return new Upload(Upload.Outcome.TOO_MANY_BYTES, null);
		}
		// the versioned API's ids have another form: ids are opaque, and the client must not care
		FakeFile stored = new FakeFile(versioned ? "file_" + newId() : newId(), filename, purpose, content.length,
				Instant.now(), content, MoonshotFakeServer.PROJECT);
		this.files.put(stored.id(), stored);
		if (versioned && idempotencyKey != null) {
			this.idempotencyKeys.put(idempotencyKey, new Replay(digest, stored.id()));
		}
		return new Upload(Upload.Outcome.STORED, stored);
	}

	/**
	 * A page of the visible files, newest first.
	 * @param visible which files the key sees
	 * @param token the token of the page, {@code null} for the first
	 * @param pageSize files per page
	 * @return the page, or {@code null} when the token is unknown
	 */
	synchronized @Nullable Page page(Predicate<FakeFile> visible, @Nullable String token, int pageSize) {
		Integer offset = (token != null) ? this.pageTokens.get(token) : Integer.valueOf(0);
		if (offset == null) {
			return null;
		}
		List<FakeFile> sorted = this.files.values()
			.stream()
			.filter(visible)
			.sorted(Comparator.comparing(FakeFile::createdAt).reversed())
			.toList();
		int end = (int) Math.min(sorted.size(), (long) offset + pageSize);
		String next = null;
		if (end < sorted.size()) {
			next = UUID.randomUUID().toString();
			this.pageTokens.put(next, end);
		}
		return new Page(List.copyOf(sorted.subList(Math.min(offset, sorted.size()), end)), next);
	}

	synchronized void reset() {
		this.files.clear();
		this.pageTokens.clear();
		this.idempotencyKeys.clear();
	}

	private static String newId() {
		StringBuilder id = new StringBuilder(20);
		for (int i = 0; i < 20; i++) {
			id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
		}
		return id.toString();
	}

	/**
	 * What an upload came to.
	 *
	 * @param outcome what happened
	 * @param file the stored (or replayed) file
	 */
	record Upload(Outcome outcome, @Nullable FakeFile file) {

		enum Outcome {

			STORED, REPLAYED, CONFLICT, TOO_MANY_FILES, TOO_MANY_BYTES

		}

	}

	/**
	 * A page of files and the token of the next, if any.
	 *
	 * @param files the page's files
	 * @param next the next page's token, or {@code null}
	 */
	record Page(List<FakeFile> files, @Nullable String next) {

	}

	/** What an idempotency key was first used for. */
	private record Replay(String digest, String fileId) {

	}

}
