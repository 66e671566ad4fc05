package dev.moonshot.spring.client.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.moonshot.spring.client.MoonshotFilesClient;
import dev.moonshot.spring.client.model.FileDeletion;
import dev.moonshot.spring.client.model.FileObject;
import dev.moonshot.spring.client.model.FileUsage;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * Runs {@link RetentionRule retention rules} with a client: one list call, then the rule's files of the scope,
 * oldest first (expired ones, then as many more as the quota share needs), capped, and deleted with
 * {@link MoonshotFilesClient#deleteAll}, or only reported in a dry run. A file outside the scope is never deleted.
 */
public final class MoonshotRetention {

	private final MoonshotFilesClient client;

	private final Clock clock;

	/**
	 * Retention with the client, on the system clock (UTC).
	 * @param client the client to list and delete with
	 */
	public MoonshotRetention(MoonshotFilesClient client) {
		this(client, Clock.systemUTC());
	}

	/**
	 * Retention with the client, on a given clock.
	 * @param client the client to list and delete with
	 * @param clock what "now" is for the age rule
	 */
	public MoonshotRetention(MoonshotFilesClient client, Clock clock) {
		Assert.notNull(client, "client must not be null");
		Assert.notNull(clock, "clock must not be null");
		this.client = client;
		this.clock = clock;
	}

	/**
	 * Run a rule.
	 * @param rule what to delete
	 * @return the report; fails (deleting nothing) when the list fails
	 */
	public Mono<RetentionReport> run(RetentionRule rule) {
		Assert.notNull(rule, "rule must not be null");
		return Mono.defer(() -> {
			Instant started = this.clock.instant();
			return this.client.list().flatMap((files) -> {
				FileUsage before = FileUsage.of(files);
				List<FileObject> candidates = select(rule, files, before, started);
				boolean capReached = candidates.size() > rule.maxDeletions();
				List<FileObject> selected = capReached ? candidates.subList(0, rule.maxDeletions()) : candidates;
				if (rule.dryRun() || selected.isEmpty()) {
					return Mono.just(new RetentionReport(started, Duration.between(started, this.clock.instant()),
							rule, selected, capReached, List.of(), before, without(before, selected)));
				}
				return this.client.deleteAll(selected.stream().map(FileObject::id).toList()).map((report) -> {
					Map<String, FileObject> byId = selected.stream()
						.collect(Collectors.toMap(FileObject::id, Function.identity()));
					List<FileObject> gone = new ArrayList<>();
					report.deletions()
						.stream()
						.filter((deletion) -> deletion.outcome() != FileDeletion.Outcome.FAILED)
						.forEach((deletion) -> gone.add(byId.get(deletion.fileId())));
					return new RetentionReport(started, Duration.between(started, this.clock.instant()), rule,
							selected, capReached, report.deletions(), before, without(before, gone));
				});
			});
		});
	}

	/**
	 * The files of the scope the rule deletes, oldest first: the expired ones, then, while usage stays over the
	 * quota share, the oldest of the rest.
	 */
	private static List<FileObject> select(RetentionRule rule, List<FileObject> files, FileUsage usage, Instant now) {
		List<FileObject> inScope = files.stream()
			.filter(rule.scope()::contains)
			.sorted(Comparator.comparing(FileObject::createdAt))
			.toList();
		Set<FileObject> chosen = new LinkedHashSet<>();
		if (rule.maxAge() != null) {
			Instant cutoff = now.minus(rule.maxAge());
			inScope.stream().filter((file) -> file.createdAt().isBefore(cutoff)).forEach(chosen::add);
		}
		if (rule.maxQuotaShare() != null) {
			FileUsage remaining = without(usage, chosen);
			for (FileObject file : inScope) {
				if (Math.max(remaining.fileShare(), remaining.byteShare()) <= rule.maxQuotaShare()) {
					break;
				}
				if (chosen.add(file)) {
					remaining = new FileUsage(remaining.files() - 1, remaining.bytes() - file.bytes());
				}
			}
		}
		return chosen.stream().sorted(Comparator.comparing(FileObject::createdAt)).toList();
	}

	private static FileUsage without(FileUsage usage, Iterable<FileObject> removed) {
		int files = usage.files();
		long bytes = usage.bytes();
		for (FileObject file : removed) {
			files--;
			bytes -= file.bytes();
		}
		return new FileUsage(files, bytes);
	}

}
