package org.cdoutcomes.app.pipeline;

import java.io.UncheckedIOException;
import org.cdoutcomes.ingest.IngestStepCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * How a run ends: a completed run with unreadable files gets the exit status saying so, from the outcome its ingest
 * step kept; a failed or stopped run writes its failure line into the run folder's status.txt (a restart replaces it).
 */
final class RunEndStatus implements JobExecutionListener {
    private static final Logger LOG = LoggerFactory.getLogger(RunEndStatus.class);

    @Override
    public void afterJob(JobExecution execution) {
        BatchStatus status = execution.getStatus();
        if (status == BatchStatus.COMPLETED && execution.getExecutionContext().get(PipelineSteps.INGEST) instanceof IngestOutcome ingest) {
            IngestStepCounts.unreadableFiles(execution, ingest.failedFiles(), ingest.files().size());
            return;
        }
        if (status != BatchStatus.FAILED && status != BatchStatus.STOPPED) {
            return;
        }
        String step = execution.getStepExecutions().stream()
                .filter(s -> s.getStatus() != BatchStatus.COMPLETED)
                .map(StepExecution::getStepName)
                .reduce((first, second) -> second)
                .orElse("(none)");
        Throwable cause = execution.getAllFailureExceptions().stream().findFirst().orElse(null);
        PipelineRun run = PipelineRun.of(execution.getJobInstance().getJobName(), execution.getJobParameters());
        try {
            AtomicFiles.write(run.statusFile(), RunStatus.stopped(status == BatchStatus.FAILED, step, cause,
                    (IngestOutcome) execution.getExecutionContext().get(PipelineSteps.INGEST), execution.getId()) + System.lineSeparator());
        } catch (UncheckedIOException e) {
            LOG.warn("Run {}: cannot write {}: {}", run.runId(), run.statusFile(), e.getCause().getMessage());
        }
    }
}
