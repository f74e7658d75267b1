package org.cdoutcomes.app.jobs;

import java.time.LocalDateTime;

/**
 * One job execution as {@code cdo jobs} lists it; counts are summed over its steps. Skipped counts the rows left out
 * of any kind: filtered (an ingest's rejected rows) and Batch's read, process and write skips.
 *
 * @param exitMessage one sentence of the recorded exit message (Batch stores whole stack traces), or empty
 */
public record JobExecutionSummary(long id, String jobName, String status, LocalDateTime started, LocalDateTime ended,
                                  long read, long written, long skipped, String exitMessage) {
}
