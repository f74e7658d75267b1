package org.cdoutcomes.app.pipeline;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.cdoutcomes.app.cli.OutputFile;
import org.cdoutcomes.app.jobs.JobRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;

/** Starts the scheduled jobs by name, manually ({@code cdo run}) or on their schedule, with a new run's parameters. */
public class PipelineLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineLauncher.class);
    /** How far back, in runs of the job, an unfinished inbox run is looked for. */
    private static final int RECENT_RUNS = 100;

    private final JobRuns runs;
    private final JobRepository repository;
    private final PipelineSettings settings;
    private final Map<String, Job> jobs;

    PipelineLauncher(JobRuns runs, JobRepository repository, PipelineSettings settings, Job runJob, Job reportJob) {
        this.runs = runs;
        this.repository = repository;
        this.settings = settings;
        this.jobs = Map.of(runJob.getName(), runJob, reportJob.getName(), reportJob);
    }

    public Set<String> jobNames() {
        return jobs.keySet();
    }

    /** Runs the pipeline now over the inbox, or over {@code paths} when given, waiting while it runs elsewhere. */
    public JobExecution run(List<Path> paths) {
        return run(paths, resumed -> { });
    }

    /** {@link #run(List)}, telling {@code resumed} of each unfinished inbox run it resumed and completed first. */
    public JobExecution run(List<Path> paths, Consumer<JobExecution> resumed) {
        checkSettings(PipelineJobConfiguration.RUN_JOB, paths);
        Job job = jobs.get(PipelineJobConfiguration.RUN_JOB);
        return runs.exclusively(job.getName(), () -> finishUnfinishedThenStart(job, paths, resumed));
    }

    /** Starts a job on its schedule, or nothing (one log line) when it is still running. */
    public Optional<JobExecution> startScheduled(String jobName) {
        Job job = jobs.get(jobName);
        return runs.unlessRunning(jobName, () -> finishUnfinishedThenStart(job, List.of(), resumed -> { }));
    }

    /**
     * A new run over the inbox first resumes the inbox runs that did not finish (stopped, failed, killed) since the last
     * that did: their files are still in the inbox, already stored, and a new run would read them again together with
     * newer files (a visit's rows in one run add up, so an old dose chart and its correction would be summed). When a
     * resumed run does not complete, it is the outcome, and no new run starts. Called holding the job's lock.
     */
    private JobExecution finishUnfinishedThenStart(Job job, List<Path> paths, Consumer<JobExecution> resumedRuns) {
        if (job.getName().equals(PipelineJobConfiguration.RUN_JOB) && paths.isEmpty()) {
            for (JobExecution unfinished : unfinishedInboxRuns(job.getName())) {
                String runId = PipelineRun.of(job.getName(), unfinished.getJobParameters()).runId();
                LOG.info("Run {} (job execution {}) did not finish and its files are still in the inbox: resuming it before a new run",
                        runId, unfinished.getId());
                JobExecution resumed = runs.restartHeld(unfinished);
                if (resumed.getStatus() != BatchStatus.COMPLETED) {
                    // the outcome, told once as such (cdo run printed it first as resumed, then again as its outcome)
                    return resumed;
                }
                resumedRuns.accept(resumed);
            }
        }
        PipelineRun run = newRun(job.getName(), paths);
        try {
            return runs.start(job, run.toParameters());
        } catch (RuntimeException e) {
            // a run that began (its folder exists) but whose end went unrecorded: its status.txt says so, as no listener could
            if (Files.isDirectory(run.runFolder()) && !Files.exists(run.statusFile())) {
                try {
                    AtomicFiles.write(run.statusFile(), RunStatus.unrecorded(e, run.movesInputs()) + System.lineSeparator());
                } catch (UncheckedIOException unwritable) {
                    e.addSuppressed(unwritable);
                }
            }
            throw e;
        }
    }

    /** The inbox runs after the last completed one whose last execution did not complete, oldest first. */
    private List<JobExecution> unfinishedInboxRuns(String jobName) {
        List<JobExecution> unfinished = new ArrayList<>();
        for (JobInstance instance : repository.getJobInstances(jobName, 0, RECENT_RUNS)) {
            JobExecution last = repository.getLastJobExecution(instance);
            if (last == null || last.getJobParameters().getString(PipelineRun.INBOX) == null) {
                continue;
            }
            if (last.getStatus() == BatchStatus.COMPLETED) {
                break;
            }
            if (last.getStatus() != BatchStatus.ABANDONED) {
                unfinished.add(0, last);
            }
        }
        return unfinished;
    }

    /**
     * Checks the settings the job needs before anything runs.
     *
     * @throws BadSettingException naming the setting and what it expects
     */
    public void checkSettings(String jobName, List<Path> paths) {
        if (!jobs.containsKey(jobName)) {
            throw new BadSettingException("schedules: unknown job '" + jobName + "'; the jobs are " + String.join(", ", jobs.keySet().stream().sorted().toList()));
        }
        // both folders at once: one fixed, the other would be named only by the next attempt
        List<String> problems = new ArrayList<>();
        folderProblem("outbox", settings.outbox(), "a folder for each run is created in it").ifPresent(problems::add);
        if (jobName.equals(PipelineJobConfiguration.RUN_JOB) && paths.isEmpty()) {
            folderProblem("inbox", settings.inbox(), "the files a run reads are moved to processed/ in it").ifPresent(problems::add);
        }
        // a misspelt job is named by cdo run too, not first by cdo schedule on the day it is started
        settings.schedules().keySet().stream().filter(job -> !jobs.containsKey(job)).sorted()
                .forEach(job -> problems.add(BadSettingException.noSuchJob(job, jobs.keySet()).getMessage()));
        if (!problems.isEmpty()) {
            throw new BadSettingException(String.join("; and ", problems));
        }
    }

    /**
     * What is wrong with a folder the job writes in. Checked before a run starts: a run that cannot create its folder
     * fails, and would fail again each time the next run resumes it.
     */
    private static Optional<String> folderProblem(String setting, Path folder, String why) {
        String where = " in cdo.yml (" + setting + ": PATH) or CDO_" + setting.toUpperCase(java.util.Locale.ROOT);
        if (folder == null) {
            return Optional.of(setting + ": not set; name a folder" + where);
        }
        if (!Files.isDirectory(folder)) {
            return Optional.of(setting + ": " + folder.toAbsolutePath().normalize() + " is not an existing folder; create it, "
                    + "or name another" + where);
        }
        if (!OutputFile.canWriteIn(folder)) {
            return Optional.of(setting + ": " + folder.toAbsolutePath().normalize() + " cannot be written (" + why
                    + "); allow it, or name another folder" + where);
        }
        return Optional.empty();
    }

    /**
     * A new run, started now to the second; after the last run of the job when that one started in the same second,
     * as the run time names the run. Called with the job's lock held, so no other start races it.
     */
    private PipelineRun newRun(String jobName, List<Path> paths) {
        LocalDateTime runTime = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        JobInstance last = repository.getLastJobInstance(jobName);
        if (last != null) {
            JobExecution lastExecution = repository.getLastJobExecution(last);
            LocalDateTime lastTime = lastExecution == null ? null : lastExecution.getJobParameters().getLocalDateTime(PipelineRun.RUN_TIME);
            if (lastTime != null && !runTime.isAfter(lastTime)) {
                runTime = lastTime.plusSeconds(1);
            }
        }
        boolean inbox = paths.isEmpty();
        return new PipelineRun(jobName, runTime, inbox && jobName.equals(PipelineJobConfiguration.RUN_JOB) ? settings.inbox() : null,
                settings.outbox(), paths);
    }
}
