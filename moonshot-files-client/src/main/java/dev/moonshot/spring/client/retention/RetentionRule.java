package dev.moonshot.spring.client.retention;

import java.time.Duration;

import dev.moonshot.spring.client.MoonshotClientDefaults;
import dev.moonshot.spring.client.model.FileScope;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What one retention run deletes: the files of a scope that are older than a maximum age, and then, oldest first,
 * as many more of them as it takes to bring the account's usage under a share of its quota; at most a number of
 * deletions per run, oldest first. A dry run only says what it would delete.
 *
 * @param scope the files the run may delete
 * @param maxAge files older than this are deleted; {@code null} for no age rule
 * @param maxQuotaShare the share of the quota (files or bytes, whichever is higher) to keep usage under, from 0 to
 * 1; {@code null} for no quota rule
 * @param maxDeletions most deletions in one run; the report says when the cap was reached
 * @param dryRun whether to send no DELETE and only report what would be deleted
 */
public record RetentionRule(FileScope scope, @Nullable Duration maxAge, @Nullable Double maxQuotaShare,
		int maxDeletions, boolean dryRun) {

	/**
	 * Create a rule, checking each value.
	 * @param scope the files the run may delete
	 * @param maxAge files older than this are deleted; {@code null} for no age rule
	 * @param maxQuotaShare the share of the quota (files or bytes, whichever is higher) to keep usage under, from 0 to
	 * 1; {@code null} for no quota rule
	 * @param maxDeletions most deletions in one run; the report says when the cap was reached
	 * @param dryRun whether to send no DELETE and only report what would be deleted
	 */
	public RetentionRule {
		Assert.notNull(scope, "scope must not be null");
		Assert.isTrue(maxAge != null || maxQuotaShare != null,
				"A retention rule needs a maximum age or a quota share, else it would delete nothing");
		if (maxAge != null) {
			MoonshotClientDefaults.requirePositive(maxAge, "maxAge");
		}
		Assert.isTrue(maxQuotaShare == null || (maxQuotaShare >= 0 && maxQuotaShare <= 1),
				() -> "maxQuotaShare must be between 0 and 1, got " + maxQuotaShare);
		Assert.isTrue(maxDeletions >= 1, () -> "maxDeletions must be at least 1, got " + maxDeletions);
	}

}
