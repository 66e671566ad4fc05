package dev.moonshot.spring.sample;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the quota cleanup.
 *
 * @param enabled whether the cleanup runs on a schedule (it can always be run with POST /documents/cleanup)
 * @param cron when the scheduled cleanup runs
 * @param maxAge files older than this are deleted
 * @param maxShare share of the quota (files and storage) the account is kept under, e.g. 0.8
 */
@ConfigurationProperties("sample.cleanup")
public record CleanupProperties(boolean enabled, String cron, Duration maxAge, double maxShare) {

}
