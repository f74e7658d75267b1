package org.cdoutcomes.ingest;

/** Passes the caller's progress listener to the staging step, which runs on the caller's thread. */
final class IngestProgressRelay implements IngestProgress {
    private volatile IngestProgress delegate = QUIET;

    void set(IngestProgress listener) {
        delegate = listener == null ? QUIET : listener;
    }

    @Override
    public void started(long runId, long jobExecutionId) {
        delegate.started(runId, jobExecutionId);
    }

    @Override
    public void reading(String file, long rows, double shareRead, boolean done) {
        delegate.reading(file, rows, shareRead, done);
    }

    @Override
    public void merging(long rows, boolean done) {
        delegate.merging(rows, done);
    }
}
