package dev.moonshot.spring.autoconfigure.retention;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the scheduled retention job ({@code moonshot.retention.*}), bound by
 * {@link MoonshotRetentionAutoConfiguration}. Which files are the application's is said once, for the client and the
 * job alike, by {@code moonshot.scope.*}.
 */
@ConfigurationProperties("moonshot.retention")
public class MoonshotRetentionProperties {

	/**
	 * Create the settings, with their defaults; Boot binds them.
	 */
	public MoonshotRetentionProperties() {
	}

	/**
	 * Whether to run the retention job on a schedule. It deletes files of the application's scope only.
	 */
	private boolean enabled;

	/**
	 * Cron expression of the runs, e.g. "0 0 * * * *". When not set, runs follow fixed-delay.
	 */
	private @Nullable String cron;

	/**
	 * Time between the end of a run and the start of the next, when no cron expression is set.
	 */
	private Duration fixedDelay = Duration.ofHours(1);

	/**
	 * Time from startup to the first run, when no cron expression is set.
	 */
	private Duration initialDelay = Duration.ofMinutes(1);

	/**
	 * Files of the scope older than this are deleted. When not set, no age rule applies.
	 */
	private @Nullable Duration maxAge;

	/**
	 * Share of the account's quota (files or bytes, whichever is higher) to keep usage under, by deleting the
	 * oldest files of the scope, from 0 to 1. When not set, no quota rule applies.
	 */
	private @Nullable Double maxQuotaShare;

	/**
	 * Most deletions in one run; the report says when the cap was reached, and the next run goes on.
	 */
	private int maxDeletions = 100;

	/**
	 * Whether runs only report what they would delete and send no DELETE.
	 */
	private boolean dryRun;

	/**
	 * Whether the job may act on every file the key can see, when no filename prefix (and no API version, whose
	 * lists cover the key's project) narrows it down. Without an API version that is the whole organization,
	 * other applications' files included.
	 */
	private boolean everything;

	/**
	 * Longest one run may take; it is stopped after that. Also how long the ShedLock lock is held at most.
	 */
	private Duration deadline = Duration.ofMinutes(5);

	/**
	 * Shortest time the ShedLock lock is held after a run, so that instances whose clocks or schedules are a
	 * little late skip the run instead of repeating it.
	 */
	private Duration lockAtLeastFor = Duration.ofSeconds(10);

	/**
	 * Name of the ShedLock lock the instances share.
	 */
	private String lockName = "moonshot-retention";

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getCron() {
		return this.cron;
	}

	public void setCron(@Nullable String cron) {
		this.cron = cron;
	}

	public Duration getFixedDelay() {
		return this.fixedDelay;
	}

	public void setFixedDelay(Duration fixedDelay) {
		this.fixedDelay = fixedDelay;
	}

	public Duration getInitialDelay() {
		return this.initialDelay;
	}

	public void setInitialDelay(Duration initialDelay) {
		this.initialDelay = initialDelay;
	}

	public @Nullable Duration getMaxAge() {
		return this.maxAge;
	}

	public void setMaxAge(@Nullable Duration maxAge) {
		this.maxAge = maxAge;
	}

	public @Nullable Double getMaxQuotaShare() {
		return this.maxQuotaShare;
	}

	public void setMaxQuotaShare(@Nullable Double maxQuotaShare) {
		this.maxQuotaShare = maxQuotaShare;
	}

	public int getMaxDeletions() {
		return this.maxDeletions;
	}

	public void setMaxDeletions(int maxDeletions) {
		this.maxDeletions = maxDeletions;
	}

	public boolean isDryRun() {
		return this.dryRun;
	}

	public void setDryRun(boolean dryRun) {
		this.dryRun = dryRun;
	}

	public boolean isEverything() {
		return this.everything;
	}

	public void setEverything(boolean everything) {
		this.everything = everything;
	}

	public Duration getDeadline() {
		return this.deadline;
	}

	public void setDeadline(Duration deadline) {
		this.deadline = deadline;
	}

	public Duration getLockAtLeastFor() {
		return this.lockAtLeastFor;
	}

	public void setLockAtLeastFor(Duration lockAtLeastFor) {
		this.lockAtLeastFor = lockAtLeastFor;
	}

	public String getLockName() {
		return this.lockName;
	}

	public void setLockName(String lockName) {
		this.lockName = lockName;
	}

}
