package org.cdoutcomes.app.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.cdoutcomes.app.cli.Failures;
import org.cdoutcomes.app.jobs.JobRuns;
import org.cdoutcomes.app.jobs.JobsCommand;
import org.cdoutcomes.app.pipeline.PipelineLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;

/**
 * Starts each scheduled job on its cron expression, one thread per job. A trigger that comes while the job still
 * runs (here or in another process on the same database) is skipped; the next one after the run ends counts.
 */
public final class JobScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);

    private final PipelineLauncher launcher;
    private final JobRuns runs;
    private final Map<String, CronExpression> schedules;
    private final Runnable beforeEachStart;
    private final ThreadPoolTaskScheduler threads = new ThreadPoolTaskScheduler();
    private final List<ScheduledFuture<?>> triggers = new ArrayList<>();
    private volatile boolean stopping;

    /** @param beforeEachStart run before each start (the embedded database server started again if it has died) */
    public JobScheduler(PipelineLauncher launcher, JobRuns runs, Map<String, CronExpression> schedules, Runnable beforeEachStart) {
        this.launcher = launcher;
        this.runs = runs;
        this.schedules = Map.copyOf(schedules);
        this.beforeEachStart = beforeEachStart;
    }

    public synchronized void start() {
        threads.setPoolSize(Math.max(1, schedules.size()));
        threads.setThreadNamePrefix("cdo-schedule-");
        threads.setWaitForTasksToCompleteOnShutdown(true);
        threads.initialize();
        ZoneId zone = ZoneId.systemDefault();
        schedules.forEach((job, cron) -> {
            WallClockCronTrigger wallClock = new WallClockCronTrigger(cron, zone);
            // the time each start was due, as the trigger reckoned it (a start may fire a little before it)
            AtomicReference<Instant> due = new AtomicReference<>();
            Trigger recordingDue = context -> {
                Instant next = wallClock.nextExecution(context);
                due.set(next);
                return next;
            };
            triggers.add(threads.schedule(() -> trigger(job, due.get()), recordingDue));
            LOG.info("Job {} scheduled on '{}'; next start {}", job, cron,
                    JobsCommand.TIME.format(LocalDateTime.ofInstant(wallClock.next(LocalDateTime.now(zone)), zone)));
        });
    }

    private void trigger(String job, Instant due) {
        if (stopping) {
            return;
        }
        try {
            beforeEachStart.run();
            launcher.startScheduled(job).ifPresent(execution -> {
                String note = execution.getExitStatus().getExitDescription();
                if (execution.getStatus() == BatchStatus.COMPLETED && (note == null || note.isBlank())) {
                    LOG.info("Job {} (execution {}) ended {}", job, execution.getId(), execution.getStatus());
                } else if (execution.getStatus() == BatchStatus.COMPLETED) {
                    // completed with files it could not read: status.txt says failure, and so does the log
                    LOG.warn("Job {} (execution {}) ended {}, but {}", job, execution.getId(), execution.getStatus(), note);
                } else {
                    // the step's stack trace is logged only with --verbose: say here why, in one sentence
                    String why = Failures.sentenceOfTrace(note);
                    LOG.warn("Job {} (execution {}) ended {}{}; cdo restart {} resumes it", job, execution.getId(),
                            execution.getStatus(), why.isBlank() ? "" : ": " + why, execution.getId());
                }
            });
        } catch (RuntimeException e) {
            // one failed start must not end the schedule; its cause in the words cdo's exit messages use, which leave
            // out what may quote data (a database that stopped answering says so)
            LOG.error("Scheduled start of job {} failed: {}; the next start is tried on schedule", job, Failures.sentence(e));
        }
        skippedStarts(job, schedules.get(job), LocalDateTime.ofInstant(due, ZoneId.systemDefault()), LocalDateTime.now())
                .ifPresent(LOG::info);
    }

    /**
     * The starts of the job that fell due after the start due at {@code due}, while that run went on until {@code ended}:
     * the job's thread was busy with it, so they never fired (the next start is reckoned from the run's end). Said as
     * a start skipped for a run in another process is.
     */
    static Optional<String> skippedStarts(String job, CronExpression cron, LocalDateTime due, LocalDateTime ended) {
        LocalDateTime first = cron.next(due);
        if (first == null || first.isAfter(ended)) {
            return Optional.empty();
        }
        int skipped = 0;
        LocalDateTime last = first;
        for (LocalDateTime missed = first; missed != null && !missed.isAfter(ended); missed = cron.next(missed)) {
            last = missed;
            skipped++;
        }
        String from = JobsCommand.TIME.format(first);
        return Optional.of((skipped == 1 ? "Scheduled start of job " + job + " due at " + from
                : skipped + " scheduled starts of job " + job + " due from " + from + " to " + JobsCommand.TIME.format(last))
                + " skipped: it was still running");
    }

    /**
     * Starts nothing more, asks the running jobs to stop after their running step, and waits until they have.
     * A stopped job ends STOPPED and resumes with {@code cdo restart ID}.
     */
    public void stop() throws InterruptedException {
        synchronized (this) {
            stopping = true;
            triggers.forEach(trigger -> trigger.cancel(false));
        }
        threads.shutdown();
        if (runs.anyRunning()) {
            LOG.info("Waiting for the running job to stop after its running step");
        }
        // asked on each round: a trigger that was starting a job while we cancelled may have started it since
        do {
            runs.stopRunning();
        } while (!threads.getScheduledExecutor().awaitTermination(1, TimeUnit.SECONDS));
    }
}
