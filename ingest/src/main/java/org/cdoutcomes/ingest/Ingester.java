package org.cdoutcomes.ingest;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.cdoutcomes.ingest.read.InputDiscovery;
import org.cdoutcomes.ingest.store.IngestRuns;
import org.cdoutcomes.ingest.validate.DateParser;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Starts ingest runs: plans the inputs, creates the run (its id is the job's identifying parameter, so every
 * invocation is a new job instance and {@code JobOperator.restart} resumes a killed one with the same parameters),
 * and runs the job synchronously.
 */
public class Ingester {
    public static final String RUN_ID = "run.id";
    public static final String RUN_DATE = "run.date";
    public static final String DATE_FORMAT = "date.format";
    public static final String REJECTS_FILE = "rejects.file";

    private final IngestRuns runs;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job job;
    private final Clock clock;
    private final IngestProgressRelay progress;

    Ingester(IngestRuns runs, JobOperator jobOperator, JobRepository jobRepository, Job job, Clock clock, IngestProgressRelay progress) {
        this.runs = runs;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.job = job;
        this.clock = clock;
        this.progress = progress;
    }

    /** @throws IllegalArgumentException when the date format is not a date pattern (bad usage) */
    public IngestOutcome ingest(IngestRequest request, IngestProgress listener) throws Exception {
        DateParser dates = request.dateFormat() == null ? DateParser.iso() : DateParser.of(request.dateFormat());
        long runId = runs.create(InputDiscovery.expand(request.paths()));
        Path rejects = (request.rejectsFile() != null ? request.rejectsFile() : Path.of("rejects-" + runId + ".csv")).toAbsolutePath();
        JobParameters parameters = new JobParametersBuilder()
                .addLong(RUN_ID, runId)
                .addString(RUN_DATE, LocalDate.now(clock).toString(), false)
                .addString(DATE_FORMAT, dates.pattern(), false)
                .addString(REJECTS_FILE, rejects.toString(), false)
                .toJobParameters();
        try (ProgressShown shown = progressTo(listener)) {
            return outcome(JobLaunches.retryingCollisions(() -> jobOperator.start(job, parameters)));
        }
    }

    /** Sends the progress of the ingest job's executions (the one {@link #ingest} starts, or cdo restart's) to {@code listener}, until closed. */
    public ProgressShown progressTo(IngestProgress listener) {
        progress.set(listener);
        return () -> progress.set(IngestProgress.QUIET);
    }

    /** Ends what {@link #progressTo} began. */
    @FunctionalInterface
    public interface ProgressShown extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Abandons the earlier runs that a completed run made pointless: runs of this job that never finished (killed,
     * failed) and read no file that this one did not read again, the usual way back from a killed ingest besides cdo
     * restart. Their staged rows, kept for a restart, are dropped, and their executions are marked ABANDONED, so cdo
     * jobs no longer offers to restart them (which would put their older rows over this run's). Call it holding the
     * ingest job's lock: an execution recorded as running is then one whose process died.
     *
     * @return the abandoned runs
     */
    public List<IngestRuns.Superseded> abandonSuperseded(IngestOutcome outcome) throws JobExecutionAlreadyRunningException {
        if (!outcome.completed()) {
            return List.of();
        }
        List<IngestRuns.Superseded> superseded = runs.supersededBy(outcome.runId(), job.getName());
        for (IngestRuns.Superseded run : superseded) {
            JobExecution execution = jobRepository.getJobExecution(run.jobExecutionId());
            execution = jobOperator.abandon(EndedExecutions.failed(execution, jobOperator, jobRepository));
            execution.setExitStatus(new ExitStatus("ABANDONED", "read again by ingest run " + outcome.runId()));
            jobRepository.update(execution);
            runs.retire(run.runId());
        }
        return superseded;
    }

    /** What an execution of the ingest job did, a restarted one's too: its run's files and counts, and how it ended. */
    public IngestOutcome outcome(JobExecution execution) {
        JobParameters parameters = execution.getJobParameters();
        long runId = parameters.getLong(RUN_ID);
        return new IngestOutcome(runId, execution.getId(), execution.getStatus().name(), Path.of(parameters.getString(REJECTS_FILE)),
                runs.results(runId), execution.getAllFailureExceptions().stream().findFirst().orElse(null));
    }
}
