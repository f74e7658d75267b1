package org.cdoutcomes.app.cli;

/**
 * A command's failure after its job execution began: the execution that {@code cdo restart} resumes, for the message
 * of a database server that went away (the job cannot then record its end, and {@code cdo jobs} cannot be asked).
 */
public final class UnfinishedJobException extends RuntimeException {
    private final long jobExecutionId;

    public UnfinishedJobException(long jobExecutionId, Throwable cause) {
        super("job execution " + jobExecutionId + " did not finish", cause);
        this.jobExecutionId = jobExecutionId;
    }

    public long jobExecutionId() {
        return jobExecutionId;
    }
}
