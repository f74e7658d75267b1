package org.cdoutcomes.app.jobs;

import java.io.PrintWriter;
import org.cdoutcomes.app.cli.Failures;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;

/** How a finished job execution ends the command: exit status 0 when it completed cleanly, else 1 with a sentence. */
public final class JobEndings {
    private JobEndings() {
    }

    public static int exitCode(JobExecution execution, PrintWriter err) {
        String job = execution.getJobInstance().getJobName();
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            String code = execution.getExitStatus().getExitCode();
            if (code.equals(ExitStatus.COMPLETED.getExitCode()) || code.equals(ExitStatus.NOOP.getExitCode())) {
                return 0;
            }
            err.println("Job " + job + " (execution " + execution.getId() + ") completed, but: "
                    + execution.getExitStatus().getExitDescription() + ".");
            return 1;
        }
        err.println("Job " + job + " (execution " + execution.getId() + ") ended " + execution.getStatus()
                + failedStep(execution) + "; restart it with: cdo restart " + execution.getId());
        return 1;
    }

    private static String failedStep(JobExecution execution) {
        return execution.getStepExecutions().stream()
                .filter(step -> step.getStatus() != BatchStatus.COMPLETED)
                .reduce((first, second) -> second)
                .map(step -> " in step " + step.getStepName()
                        + step.getFailureExceptions().stream().findFirst().map(e -> " (" + Failures.sentence(e) + ")").orElse(""))
                .orElse("");
    }
}
