package org.cdoutcomes.app.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cdoutcomes.ingest.IngestStepCounts;
import org.cdoutcomes.model.text.Counted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The steps of the scheduled jobs. What a step decides (the files, the outcomes) goes into the job's execution
 * context in the step's own transaction, so a restart sees the same decision; what a step writes goes to a staging
 * folder it empties first, and reaches the run folder only in the last step, by renames that a repeat finishes.
 */
final class PipelineSteps {
    static final String FILES = "cdo.files";
    /** Each inbox file's identity when it was chosen (see {@link Inbox#identity}). */
    static final String FILE_IDENTITIES = "cdo.fileIdentities";
    static final String INGEST = "cdo.ingest";
    static final String REPORT = "cdo.report";
    static final String REJECTS_FILE = "rejects.csv";

    private static final Logger LOG = LoggerFactory.getLogger(PipelineSteps.class);

    private final PipelineStages stages;
    private final JobRepository repository;

    PipelineSteps(PipelineStages stages, JobRepository repository) {
        this.stages = stages;
        this.repository = repository;
    }

    /** Decides the run's files once: the inbox's new files, or the paths given; a restart keeps the first decision. */
    RepeatStatus selectFiles(StepContribution contribution, ChunkContext chunk) {
        JobExecution job = job(chunk);
        if (!job.getExecutionContext().containsKey(FILES)) {
            PipelineRun run = run(job);
            List<Path> files = run.movesInputs() ? Inbox.newFiles(run.inbox()) : run.paths();
            // the execution id first, as cdo ingest prints it: a run killed now is resumed by cdo restart ID
            LOG.info("Run {} (job execution {}): {}", run.runId(), job.getId(),
                    run.movesInputs() ? Counted.of(files.size(), "new file") + " in the inbox" : Counted.of(files.size(), "path") + " given");
            remember(job, FILES, new ArrayList<>(files.stream().map(Path::toString).toList()));
            if (run.movesInputs()) {
                HashMap<String, String> identities = new HashMap<>();
                files.forEach(file -> identities.put(file.toString(), Inbox.identity(file)));
                remember(job, FILE_IDENTITIES, identities);
            }
        }
        return RepeatStatus.FINISHED;
    }

    RepeatStatus ingest(StepContribution contribution, ChunkContext chunk) {
        JobExecution job = job(chunk);
        if (job.getExecutionContext().containsKey(INGEST)) {
            // The ingest committed with its outcome, but the kill came before Batch marked the step complete.
            return RepeatStatus.FINISHED;
        }
        PipelineRun run = run(job);
        @SuppressWarnings("unchecked")
        List<String> files = (List<String>) job.getExecutionContext().get(FILES);
        Path staging = AtomicFiles.emptyFolder(run.staging("ingest"));
        IngestOutcome outcome = stages.ingest(run.runId(), run.runDate(), files.stream().map(Path::of).toList(),
                staging.resolve(REJECTS_FILE));
        IngestStepCounts.read(contribution, outcome.total(FileOutcome::read));
        IngestStepCounts.merged(contribution, outcome.total(f -> f.inserted() + f.updated()), outcome.total(FileOutcome::rejected));
        LOG.info("Run {}: {} read, {} unreadable", run.runId(), Counted.of(outcome.readFiles(), "file"), outcome.failedFiles());
        remember(job, INGEST, outcome);
        return RepeatStatus.FINISHED;
    }

    RepeatStatus report(StepContribution contribution, ChunkContext chunk) {
        JobExecution job = job(chunk);
        PipelineRun run = run(job);
        ReportOutcome outcome = stages.analyzeAndReport(run.runId(), run.runTime(), AtomicFiles.emptyFolder(run.staging("report")));
        LOG.info("Run {}: report for {} written", run.runId(), outcome.period());
        remember(job, REPORT, outcome);
        return RepeatStatus.FINISHED;
    }

    /** Moves the run's inbox files out of the inbox; files named on the command line stay where they are. */
    RepeatStatus moveInputs(StepContribution contribution, ChunkContext chunk) {
        JobExecution job = job(chunk);
        PipelineRun run = run(job);
        if (run.movesInputs()) {
            @SuppressWarnings("unchecked")
            Map<String, String> identities = (Map<String, String>) job.getExecutionContext().get(FILE_IDENTITIES);
            Inbox.moveDone(run.inbox(), run.runId(), (IngestOutcome) job.getExecutionContext().get(INGEST),
                    identities == null ? Map.of() : identities);
        }
        return RepeatStatus.FINISHED;
    }

    /** Moves the staged outputs into the run folder, then writes status.txt, last, then drops the staging folder. */
    RepeatStatus publish(StepContribution contribution, ChunkContext chunk) {
        JobExecution job = job(chunk);
        PipelineRun run = run(job);
        for (String step : List.of("ingest", "report")) {
            Path staging = run.staging(step);
            if (Files.isDirectory(staging)) {
                try (var files = Files.list(staging)) {
                    for (Path file : files.sorted().toList()) {
                        AtomicFiles.moveOnce(file, run.runFolder().resolve(file.getFileName()));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot publish " + staging, e);
                }
            }
        }
        IngestOutcome ingest = (IngestOutcome) job.getExecutionContext().get(INGEST);
        AtomicFiles.write(run.statusFile(), RunStatus.completed(ingest, (ReportOutcome) job.getExecutionContext().get(REPORT), run.movesInputs()) + System.lineSeparator());
        AtomicFiles.deleteTree(run.staging());
        LOG.info("Run {}: written to {}", run.runId(), run.runFolder());
        return RepeatStatus.FINISHED;
    }

    /** Keeps a decision in the job's execution context, written in the step's transaction rather than after it. */
    private void remember(JobExecution job, String key, Object value) {
        job.getExecutionContext().put(key, value);
        repository.updateExecutionContext(job);
    }

    private static JobExecution job(ChunkContext chunk) {
        return chunk.getStepContext().getStepExecution().getJobExecution();
    }

    private static PipelineRun run(JobExecution job) {
        return PipelineRun.of(job.getJobInstance().getJobName(), job.getJobParameters());
    }
}
