package dev.moonshot.spring.sample;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.moonshot.spring.client.FileDeletionReport;
import dev.moonshot.spring.client.FileObject;
import dev.moonshot.spring.client.FileUsage;
import dev.moonshot.spring.client.MoonshotFilesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Keeps the account clear of its hard quota (1,000 files, 10 GiB): deletes files older than
 * {@code sample.cleanup.max-age}, then, if the account is still above {@code sample.cleanup.max-share} of either
 * limit, the oldest files until it is below.
 */
@Service
class QuotaCleanup {

	private static final Logger logger = LoggerFactory.getLogger(QuotaCleanup.class);

	private final MoonshotFilesClient moonshot;

	private final CleanupProperties properties;

	QuotaCleanup(MoonshotFilesClient moonshot, CleanupProperties properties) {
		this.moonshot = moonshot;
		this.properties = properties;
	}

	@Scheduled(cron = "${sample.cleanup.cron}")
	void scheduled() {
		if (this.properties.enabled()) {
			cleanUp();
		}
	}

	/**
	 * Run the cleanup now.
	 * @return what was done
	 */
	CleanupResult cleanUp() {
		FileDeletionReport byAge = this.moonshot.blocking().deleteOlderThan(this.properties.maxAge());
		List<FileObject> oldestFirst = this.moonshot.blocking()
			.list()
			.stream()
			.sorted(Comparator.comparing(FileObject::createdAt))
			.toList();
		long files = oldestFirst.size();
		long bytes = oldestFirst.stream().mapToLong(FileObject::bytes).sum();
		List<String> overQuota = new ArrayList<>();
		for (FileObject file : oldestFirst) {
			if (!overTarget(files, bytes)) {
				break;
			}
			overQuota.add(file.id());
			files--;
			bytes -= file.bytes();
		}
		FileDeletionReport forQuota = this.moonshot.blocking().deleteAll(overQuota);
		FileUsage usage = this.moonshot.blocking().usage();
		CleanupResult result = new CleanupResult(byAge.deleted(), forQuota.deleted(),
				byAge.failures().size() + forQuota.failures().size(), usage, Instant.now());
		logger.info("Moonshot cleanup: {} deleted by age, {} for quota, {} failed; now {} files, {} bytes",
				result.deletedByAge().size(), result.deletedForQuota().size(), result.failed(), usage.files(),
				usage.bytes());
		return result;
	}

	private boolean overTarget(long files, long bytes) {
		return files > this.properties.maxShare() * FileUsage.MAX_FILES
				|| bytes > this.properties.maxShare() * FileUsage.MAX_TOTAL_BYTES;
	}

	/**
	 * What a cleanup did.
	 *
	 * @param deletedByAge ids deleted for being older than the maximum age
	 * @param deletedForQuota ids deleted to get under the quota share
	 * @param failed deletions that failed (retried at the next run)
	 * @param usage the account's usage afterwards
	 * @param at when it ran
	 */
	record CleanupResult(List<String> deletedByAge, List<String> deletedForQuota, int failed, FileUsage usage,
			Instant at) {

	}

}
