package dev.moonshot.spring.client.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.moonshot.spring.client.model.FileDeletion;
import dev.moonshot.spring.client.model.FileDeletionReport;
import dev.moonshot.spring.client.model.FileObject;
import dev.moonshot.spring.client.model.FileUsage;


/**
 * What one retention run did: which files it chose (oldest first) and why it stopped there, what became of each, and
 * the account's usage before and after.
 *
 * @param startedAt when the run started
 * @param duration how long it took
 * @param rule the rule it ran
 * @param selected the files it chose to delete, oldest first (a dry run deleted none of them)
 * @param capReached whether more files matched than {@link RetentionRule#maxDeletions()} allowed
 * @param deletions what happened to each selected file; empty for a dry run
 * @param usageBefore usage as the run's list showed it
 * @param usageAfter usage after the deletions, from the list and what was deleted (no second list call); for a dry
 * run, what it would be
 */
public record RetentionReport(Instant startedAt, Duration duration, RetentionRule rule, List<FileObject> selected,
		boolean capReached, List<FileDeletion> deletions, FileUsage usageBefore, FileUsage usageAfter) {

	/**
	 * Copy the lists.
	 * @param startedAt when the run started
	 * @param duration how long it took
	 * @param rule the rule it ran
	 * @param selected the files it chose to delete, oldest first (a dry run deleted none of them)
	 * @param capReached whether more files matched than {@link RetentionRule#maxDeletions()} allowed
	 * @param deletions what happened to each selected file; empty for a dry run
	 * @param usageBefore usage as the run's list showed it
	 * @param usageAfter usage after the deletions, from the list and what was deleted (no second list call); for a dry
	 * run, what it would be
	 */
	public RetentionReport {
		selected = List.copyOf(selected);
		deletions = List.copyOf(deletions);
	}

	/**
	 * The ids the provider deleted.
	 * @return the ids, in the order the files were selected
	 */
	public List<String> deleted() {
		return new FileDeletionReport(this.deletions).deleted();
	}

	/**
	 * The ids that were gone already.
	 * @return the ids
	 */
	public List<String> alreadyAbsent() {
		return new FileDeletionReport(this.deletions).alreadyAbsent();
	}

	/**
	 * The deletions that failed, with their exceptions.
	 * @return the failures
	 */
	public List<FileDeletion> failures() {
		return new FileDeletionReport(this.deletions).failures();
	}

	/**
	 * One line for a log: what the run did and why.
	 * @return the summary
	 */
	public String describe() {
		String verb = this.rule.dryRun() ? "would delete " : "deleted ";
		int count = this.rule.dryRun() ? this.selected.size() : deleted().size();
		StringBuilder out = new StringBuilder("Moonshot retention ").append(this.rule.dryRun() ? "dry run " : "run ")
			.append(verb)
			.append(count)
			.append(" file(s) of ")
			.append(this.rule.scope().describe());
		if (!this.rule.dryRun()) {
			out.append(", ").append(alreadyAbsent().size()).append(" already gone, ").append(failures().size())
				.append(" failed");
		}
		if (this.capReached) {
			out.append("; the cap of ").append(this.rule.maxDeletions()).append(" per run was reached");
		}
		return out.append("; usage ").append(this.usageBefore.files()).append(" -> ").append(this.usageAfter.files())
			.append(" files, ").append(this.usageBefore.bytes()).append(" -> ").append(this.usageAfter.bytes())
			.append(" bytes, in ").append(this.duration.toMillis()).append(" ms").toString();
	}

	/**
	 * Whether every selected file is gone now (a dry run: never).
	 * @return whether the run completed its work
	 */
	public boolean isComplete() {
		return !this.rule.dryRun() && failures().isEmpty();
	}


}
