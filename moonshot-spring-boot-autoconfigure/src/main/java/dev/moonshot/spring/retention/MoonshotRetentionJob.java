package dev.moonshot.spring.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.moonshot.spring.client.MoonshotClientDefaults;
import dev.moonshot.spring.client.retention.MoonshotRetention;
import dev.moonshot.spring.client.retention.RetentionReport;
import dev.moonshot.spring.client.retention.RetentionRule;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.log.LogMessage;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs a {@link RetentionRule} on a schedule, on a thread of its own (never a request thread), one run at a time
 * through a {@link RetentionLock}. Starting schedules the first run and returns at once; stopping cancels the
 * schedule and ends a run in progress at once, so neither startup nor shutdown waits for the provider. Every run ends
 * in a report, logged once at INFO, observed as {@code moonshot.retention.runs} and handed to the report listener
 * (metrics); a run that fails is logged at WARN.
 */
public class MoonshotRetentionJob implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(MoonshotRetentionJob.class);

	private static final Duration GRACE = Duration.ofSeconds(1);

	private final MoonshotRetention retention;

	private final RetentionRule rule;

	private final Trigger trigger;

	private final Duration deadline;

	private final RetentionLock lock;

	private final ObservationRegistry observationRegistry;

	private final Consumer<RetentionReport> reportListener;

	private final AtomicReference<@Nullable RetentionReport> lastReport = new AtomicReference<>();

	private final AtomicReference<@Nullable Disposable> running = new AtomicReference<>();

	private volatile @Nullable ThreadPoolTaskScheduler scheduler;

	private volatile @Nullable ScheduledFuture<?> schedule;

	/**
	 * Create a job.
	 * @param retention what runs the rule
	 * @param rule the rule of every scheduled run
	 * @param trigger when runs start
	 * @param deadline longest a run may take
	 * @param lock one runner at a time
	 * @param observationRegistry where runs are observed
	 * @param reportListener what else hears of every report (metrics)
	 */
	public MoonshotRetentionJob(MoonshotRetention retention, RetentionRule rule, Trigger trigger, Duration deadline,
			RetentionLock lock, ObservationRegistry observationRegistry, Consumer<RetentionReport> reportListener) {
		MoonshotClientDefaults.requirePositive(deadline, "deadline");
		this.retention = retention;
		this.rule = rule;
		this.trigger = trigger;
		this.deadline = deadline;
		this.lock = lock;
		this.observationRegistry = observationRegistry;
		this.reportListener = reportListener;
	}

	/**
	 * The rule of the scheduled runs.
	 * @return the rule
	 */
	public RetentionRule rule() {
		return this.rule;
	}

	/**
	 * Run now, with the scheduled rule, or only report what it would delete. A real run takes the lock; a dry run
	 * deletes nothing and takes none.
	 * @param dryRun whether to send no DELETE (whatever the rule says)
	 * @return the report, or empty when another instance holds the lock
	 * @throws IllegalStateException if the run failed or ran out of time (nothing more was deleted then)
	 */
	public Optional<RetentionReport> runNow(boolean dryRun) {
		RetentionRule now = (dryRun == this.rule.dryRun()) ? this.rule
				: new RetentionRule(this.rule.scope(), this.rule.maxAge(), this.rule.maxQuotaShare(),
						this.rule.maxDeletions(), dryRun);
		// a dry run changes nothing, so it needs no lock (and takes none from a real run)
		return now.dryRun() ? Optional.of(execute(now)) : this.lock.runExclusively(() -> execute(now), this.deadline);
	}

	/**
	 * The report of the last run on this instance.
	 * @return the report, or {@code null} before the first
	 */
	public @Nullable RetentionReport lastReport() {
		return this.lastReport.get();
	}

	/**
	 * When the next scheduled run starts.
	 * @return the time, or {@code null} while the job is stopped
	 */
	public @Nullable Instant nextRun() {
		ScheduledFuture<?> next = this.schedule;
		return (next != null && !next.isDone())
				? Instant.now().plusMillis(Math.max(0, next.getDelay(TimeUnit.MILLISECONDS))) : null;
	}

	private RetentionReport execute(RetentionRule rule) {
		Observation observation = Observation.createNotStarted("moonshot.retention.runs", this.observationRegistry)
			.contextualName("moonshot retention")
			.lowCardinalityKeyValue("dry_run", String.valueOf(rule.dryRun()))
			.start();
		CompletableFuture<RetentionReport> result = new CompletableFuture<>();
		Disposable run = this.retention.run(rule)
			.timeout(this.deadline)
			.doOnCancel(() -> result.completeExceptionally(
					new CancellationException("the retention run was stopped: the application is shutting down")))
			.subscribe(result::complete, result::completeExceptionally);
		this.running.set(run);
		try {
			RetentionReport report = result.get(this.deadline.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
			observation.lowCardinalityKeyValue("outcome", report.isComplete() || rule.dryRun() ? "completed"
					: "incomplete");
			this.lastReport.set(report);
			logger.info(report.describe());
			this.reportListener.accept(report);
			return report;
		}
		catch (ExecutionException | TimeoutException | CancellationException ex) {
			// Java 23+ wraps a future's own CancellationException in a new one ("get"): report the original
			Throwable failure = ((ex instanceof ExecutionException || ex instanceof CancellationException)
					&& ex.getCause() != null) ? ex.getCause() : ex;
			observation.lowCardinalityKeyValue("outcome", "failed").error(failure);
			throw new IllegalStateException("Moonshot retention run failed: " + failure, failure);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			run.dispose();
			observation.lowCardinalityKeyValue("outcome", "failed").error(ex);
			throw new IllegalStateException("Moonshot retention run was interrupted", ex);
		}
		finally {
			this.running.compareAndSet(run, null);
			observation.stop();
		}
	}

	private void scheduledRun() {
		try {
			runNow(this.rule.dryRun());
		}
		catch (RuntimeException ex) {
			logger.warn(LogMessage.format("%s; the next run is scheduled as usual", ex.getMessage()));
		}
	}

	@Override
	public void start() {
		ThreadPoolTaskScheduler tasks = new ThreadPoolTaskScheduler();
		tasks.setPoolSize(1);
		tasks.setThreadNamePrefix("moonshot-retention-");
		tasks.setDaemon(true);
		tasks.setWaitForTasksToCompleteOnShutdown(false);
		tasks.initialize();
		this.scheduler = tasks;
		this.schedule = tasks.schedule(this::scheduledRun, this.trigger);
	}

	@Override
	public void stop() {
		ScheduledFuture<?> next = this.schedule;
		if (next != null) {
			next.cancel(false);
		}
		Disposable run = this.running.get();
		if (run != null) {
			run.dispose();
		}
		ThreadPoolTaskScheduler tasks = this.scheduler;
		if (tasks != null) {
			tasks.shutdown();
		}
		this.schedule = null;
		this.scheduler = null;
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}


}
