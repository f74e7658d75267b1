package org.cdoutcomes.app.pipeline;

import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/** Writes the failure line into the run folder's status.txt when a run fails or is stopped (a restart replaces it). */
final class RunFailureStatus implements JobExecutionListener {
    private static final Logger LOG = LoggerFactory.getLogger(RunFailureStatus.class);

    @Override
    public void afterJob(JobExecution execution) {
        BatchStatus status = execution.getStatus();
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
            AtomicFiles.write(run.statusFile(), RunStatus.stopped(status == BatchStatus.STOPPED ? "stopped" : "failed",
                    step, cause, execution.getId()) + System.lineSeparator());
        } catch (UncheckedIOException e) {
            LOG.warn("Run {}: cannot write {}: {}", run.runId(), run.statusFile(), e.getCause().getMessage());
        }
    }
}
