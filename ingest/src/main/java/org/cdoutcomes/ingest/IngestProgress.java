package org.cdoutcomes.ingest;

/** Hears how reading a file goes: rows so far, and the share of the file read (0..1, NaN when unknown). */
@FunctionalInterface
public interface IngestProgress {
    IngestProgress QUIET = (file, rows, share, done) -> { };

    /** The run's job execution has begun: from now on {@code cdo restart jobExecutionId} resumes it. */
    default void started(long runId, long jobExecutionId) {
    }

    void reading(String file, long rows, double shareRead, boolean done);

    /**
     * The staged rows are being merged into the records, in one transaction that reports nothing until it ends
     * ({@code done}): about a minute for 5,000,000 rows.
     */
    default void merging(long rows, boolean done) {
    }
}
