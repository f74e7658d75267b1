package org.cdoutcomes.ingest;

import org.cdoutcomes.model.text.Counted;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;

/**
 * How an ingest shows in the counts of the Batch step that did it, which {@code cdo jobs} lists (the ingest job's
 * steps and the pipeline's ingest step are tasklets, so Batch counts nothing by itself): rows read, rows written
 * (inserted or updated), rows rejected as filtered; and the exit status of a run some of whose files could not be read.
 */
public final class IngestStepCounts {
    /** The exit code of a run that completed although some files could not be read: the command exits 1. */
    public static final String UNREADABLE_FILES = "COMPLETED_WITH_UNREADABLE_FILES";

    private IngestStepCounts() {
    }

    /**
     * Adds rows read. A contribution counts reads one at a time only; the step execution's count is restored with
     * the rest of it when the chunk's transaction rolls back.
     */
    public static void read(StepContribution contribution, long rows) {
        StepExecution step = contribution.getStepExecution();
        step.setReadCount(step.getReadCount() + rows);
    }

    /** Adds the outcome of a merge: rows inserted or updated are written; rejected rows are filtered, as a processor's. */
    public static void merged(StepContribution contribution, long written, long rejected) {
        contribution.incrementWriteCount(written);
        contribution.incrementFilterCount(rejected);
    }

    /**
     * Marks a run that completed with unreadable files, saying how many (counts only: file names stay in the run's output).
     * Called after the job, from what the run stored: a restart whose steps had all completed before a kill runs no
     * step, and Batch would end it NOOP (exit status 0) if a step's exit status carried this.
     */
    public static void unreadableFiles(JobExecution execution, long failed, long files) {
        if (failed > 0) {
            execution.setExitStatus(new ExitStatus(UNREADABLE_FILES,
                    failed + " of " + Counted.of(files, "file") + " could not be read"));
        }
    }
}
