package dev.moonshot.spring.client.model;

import java.util.List;

/**
 * Result of a bulk deletion, one {@link FileDeletion} per distinct id, in the order the ids were given.
 *
 * @param deletions what happened to each file
 */
public record FileDeletionReport(List<FileDeletion> deletions) {

	/**
	 * Create a report.
	 * @param deletions what happened to each file
	 */
	public FileDeletionReport {
		deletions = List.copyOf(deletions);
	}

	/**
	 * Ids of the files the provider deleted.
	 * @return the deleted ids
	 */
	public List<String> deleted() {
		return idsWith(FileDeletion.Outcome.DELETED);
	}

	/**
	 * Ids of the files that were already gone (404).
	 * @return the absent ids
	 */
	public List<String> alreadyAbsent() {
		return idsWith(FileDeletion.Outcome.ALREADY_ABSENT);
	}

	/**
	 * The deletions that failed, each with its exception.
	 * @return the failures
	 */
	public List<FileDeletion> failures() {
		return this.deletions.stream().filter((deletion) -> deletion.outcome() == FileDeletion.Outcome.FAILED).toList();
	}

	/**
	 * Whether every file is gone (deleted now or already absent).
	 * @return {@code true} if nothing failed
	 */
	public boolean isComplete() {
		return failures().isEmpty();
	}

	private List<String> idsWith(FileDeletion.Outcome outcome) {
		return this.deletions.stream()
			.filter((deletion) -> deletion.outcome() == outcome)
			.map(FileDeletion::fileId)
			.toList();
	}

}
