package org.cdoutcomes.app.pipeline;

import org.cdoutcomes.app.cli.Failures;
import org.cdoutcomes.model.text.Counted;

/** The one line of a run's {@code status.txt}: success or failure, and the counts behind it. */
final class RunStatus {
    private RunStatus() {
    }

    /**
     * A run that completed; it is a failure when a file could not be read. The report job has no ingest part (null).
     *
     * @param movedInputs whether the unreadable files went to the inbox's failed/ folder
     */
    static String completed(IngestOutcome ingest, ReportOutcome report, boolean movedInputs) {
        StringBuilder line = new StringBuilder(ingest != null && ingest.failedFiles() > 0 ? "failure: " : "success: ");
        if (ingest != null) {
            line.append(ingestCounts(ingest, movedInputs)).append("; ");
        }
        line.append("report ").append(report.period())
                .append(": ").append(Counted.of(report.patients(), "patient")).append(", ").append(Counted.of(report.cycles(), "cycle"));
        return line.toString();
    }

    /**
     * A run that failed in {@code step}, with why in one sentence (the first line of its cause, as cdo jobs says it), or
     * that was stopped: the running step finished, and the job stopped as the next one, {@code step}, began. With the
     * counts of its ingest when that step had ended (null: it had not).
     */
    static String stopped(boolean failed, String step, Throwable cause, IngestOutcome ingest, long executionId) {
        return "failure: " + (failed ? "failed in step " + step + (cause == null ? "" : " (" + Failures.sentence(cause) + ")")
                : "stopped before step " + step)
                + (ingest == null ? "" : "; ingested: " + ingestCounts(ingest, false))
                + "; restart it with: cdo restart " + executionId;
    }

    /**
     * A run whose end the job repository could not record (the database server went away during it): why, and how it
     * resumes: an inbox run with the next one, as cdo jobs then lists it unfinished, any run with cdo restart.
     */
    static String unrecorded(Throwable cause, boolean inboxRun) {
        String restart = "cdo restart, with the id cdo jobs gives once the database answers";
        return "failure: " + Failures.sentence(cause) + "; the database could not record how the run ended: "
                + (inboxRun ? "the next run resumes it (or " + restart + ")" : "resume it with " + restart);
    }

    private static String ingestCounts(IngestOutcome ingest, boolean movedInputs) {
        StringBuilder counts = new StringBuilder().append(Counted.of(ingest.readFiles(), "file")).append(" read, ")
                .append(ingest.failedFiles()).append(" unreadable");
        if (ingest.failedFiles() > 0 && movedInputs) {
            counts.append(" (in the inbox's failed/ folder, each with its reason)");
        }
        counts.append("; rows read ").append(ingest.total(FileOutcome::read))
                .append(", inserted ").append(ingest.total(FileOutcome::inserted))
                .append(", updated ").append(ingest.total(FileOutcome::updated))
                .append(", unchanged ").append(ingest.total(FileOutcome::unchanged))
                .append(", rejected ").append(ingest.total(FileOutcome::rejected))
                .append(", warnings ").append(ingest.total(FileOutcome::warnings));
        // as cdo ingest prints them: a correction that dropped muscles from stored dose charts
        long removed = ingest.total(FileOutcome::musclesRemoved);
        return (removed == 0 ? counts : counts.append(", dose-chart muscles removed ").append(removed)).toString();
    }
}
