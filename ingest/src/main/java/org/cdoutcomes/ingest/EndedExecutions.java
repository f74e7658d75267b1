package org.cdoutcomes.ingest;

import java.time.LocalDateTime;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/** Job executions whose process ended without recording how they ended. */
public final class EndedExecutions {
    private EndedExecutions() {
    }

    /**
     * Records as FAILED an execution that can no longer end by itself, so that it can be restarted or abandoned: one a
     * killed process left running, or one Batch left UNKNOWN because a step's rollback failed as the database went away.
     * Nothing of that step's transaction was committed, as after a kill, but Batch restarts neither a job nor a step
     * from UNKNOWN (and its recover leaves them so). Any other execution is returned as it is. Call it holding the job's
     * lock, which proves that no process runs the execution.
     */
    public static JobExecution failed(JobExecution execution, JobOperator operator, JobRepository repository) {
        if (execution.getStatus().isRunning()) {
            return operator.recover(execution);
        }
        if (execution.getStatus() != BatchStatus.UNKNOWN) {
            return execution;
        }
        LocalDateTime now = LocalDateTime.now();
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus() == BatchStatus.UNKNOWN || step.getStatus().isRunning()) {
                step.setStatus(BatchStatus.FAILED);
                if (step.getEndTime() == null) {
                    step.setEndTime(now);
                }
                repository.update(step);
            }
        }
        execution.setStatus(BatchStatus.FAILED);
        if (execution.getEndTime() == null) {
            execution.setEndTime(now);
        }
        repository.update(execution);
        return execution;
    }
}
