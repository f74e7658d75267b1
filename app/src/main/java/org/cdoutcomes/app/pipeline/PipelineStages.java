package org.cdoutcomes.app.pipeline;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The work of the scheduled jobs, behind the steps that make it restartable. The steps own run identity, file
 * selection, file moves and the outbox; an implementation only ingests and analyses.
 *
 * <p>Both methods may be called again for the same run after a crash, a failure or a stop (a restart re-runs the
 * step that did not complete). Called again with the same arguments they must leave the database as one
 * uninterrupted call would and return the same outcome: ingest is idempotent by the input contract, and the run's
 * own bookkeeping (its ingest run row, counts) must be keyed by {@code runId} and replaced, not added to.
 */
public interface PipelineStages {

    /**
     * Ingests the files as one ingest run and writes the reject report (columns {@code file,line,column,code,message})
     * to {@code rejectsFile}. A file that cannot be read at all is reported as failed, not thrown.
     *
     * @param runId names the run; stable across restarts
     * @param runDate the day of the run (the limit for FUTURE_DATE), stable across restarts
     * @param files the files (or, given on the command line, folders) of the run
     * @return one outcome per file read or failed, in the run's order: by real path (folders expanded), whatever the
     *         order of {@code files}
     */
    IngestOutcome ingest(String runId, LocalDate runDate, List<Path> files, Path rejectsFile);

    /**
     * Analyses the stored data for the latest full quarter before the run's day and writes the Excel report and the
     * analysis JSON (report.md, analytics.md) into {@code folder}, which is empty when called.
     *
     * @param runTime when the run started, stable across restarts: its day chooses the quarter, and the report shows it
     *        as its run time
     */
    ReportOutcome analyzeAndReport(String runId, LocalDateTime runTime, Path folder);
}
