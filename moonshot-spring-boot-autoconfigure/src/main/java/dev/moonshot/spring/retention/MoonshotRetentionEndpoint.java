package dev.moonshot.spring.retention;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.moonshot.spring.client.model.FileDeletion;
import dev.moonshot.spring.client.model.FileUsage;
import dev.moonshot.spring.client.retention.RetentionReport;
import dev.moonshot.spring.client.retention.RetentionRule;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * Actuator endpoint {@code moonshotretention}: the rule, the last report and the next run, and what a run would delete
 * now (read: {@code GET /actuator/moonshotretention} and {@code GET /actuator/moonshotretention/dry-run}); a run now
 * (write: {@code POST}, a dry run unless {@code dryRun=false} is sent).
 * <p>
 * Deleting is destructive, so the endpoint is read-only unless the application grants more: the write operation is
 * not even mapped until {@code management.endpoint.moonshotretention.access=unrestricted} is set. Exposed over HTTP
 * only when the application exposes it.
 */
@Endpoint(id = "moonshotretention", defaultAccess = Access.READ_ONLY)
public class MoonshotRetentionEndpoint {

	/** The selector of the read operation that says what a run would delete now. */
	public static final String DRY_RUN = "dry-run";

	private final MoonshotRetentionJob job;

	/**
	 * The endpoint of a retention job.
	 * @param job the job it shows and runs
	 */
	public MoonshotRetentionEndpoint(MoonshotRetentionJob job) {
		this.job = job;
	}

	/**
	 * The rule, the last report of this instance and the next scheduled run.
	 * @return the state
	 */
	@ReadOperation
	public Map<String, Object> retention() {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("rule", rule(this.job.rule()));
		Instant next = this.job.nextRun();
		if (next != null) {
			state.put("nextRun", next.toString());
		}
		RetentionReport last = this.job.lastReport();
		if (last != null) {
			state.put("lastReport", report(last));
		}
		return state;
	}

	/**
	 * What a run now would delete, without deleting anything: a dry run, allowed to read-only access.
	 * @param selector {@value #DRY_RUN}
	 * @return the dry run's report, that another instance holds the lock, or {@code null} (404) for another selector
	 */
	@ReadOperation
	public @Nullable Map<String, Object> dryRun(@Selector String selector) {
		return DRY_RUN.equals(selector) ? run(true) : null;
	}

	/**
	 * Run now; granted only with {@code management.endpoint.moonshotretention.access=unrestricted}.
	 * @param dryRun whether to only report what would be deleted; a dry run unless {@code false} is sent
	 * @return the report, or that another instance holds the lock
	 */
	@WriteOperation
	public Map<String, Object> run(@Nullable Boolean dryRun) {
		Optional<RetentionReport> report = this.job.runNow(dryRun == null || dryRun);
		return report.map(MoonshotRetentionEndpoint::report)
			.orElseGet(() -> Map.of("skipped", "another instance holds the retention lock"));
	}

	private static Map<String, Object> rule(RetentionRule rule) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("scope", rule.scope().describe());
		if (rule.maxAge() != null) {
			out.put("maxAge", rule.maxAge().toString());
		}
		if (rule.maxQuotaShare() != null) {
			out.put("maxQuotaShare", rule.maxQuotaShare());
		}
		out.put("maxDeletions", rule.maxDeletions());
		out.put("dryRun", rule.dryRun());
		return out;
	}

	private static Map<String, Object> report(RetentionReport report) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("startedAt", report.startedAt().toString());
		out.put("durationMs", report.duration().toMillis());
		out.put("dryRun", report.rule().dryRun());
		out.put("summary", report.describe());
		out.put(report.rule().dryRun() ? "wouldDelete" : "selected",
				report.selected().stream().map((file) -> Map.of("id", file.id(), "filename", file.filename(),
						"createdAt", file.createdAt().toString(), "bytes", file.bytes())).toList());
		out.put("capReached", report.capReached());
		out.put("deleted", report.deleted());
		out.put("alreadyAbsent", report.alreadyAbsent());
		out.put("failed", failures(report.failures()));
		out.put("usageBefore", usage(report.usageBefore()));
		out.put("usageAfter", usage(report.usageAfter()));
		return out;
	}

	private static List<Map<String, String>> failures(List<FileDeletion> failures) {
		return failures.stream()
			.map((failure) -> Map.of("id", failure.fileId(), "error",
					(failure.failure() != null) ? failure.failure().getClass().getSimpleName() : "unknown"))
			.toList();
	}

	private static Map<String, Object> usage(FileUsage usage) {
		return Map.of("files", usage.files(), "bytes", usage.bytes());
	}

}
