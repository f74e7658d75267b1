package org.cdoutcomes.app.jobs;

import java.time.LocalDateTime;

/**
 * One job execution as {@code cdo jobs} lists it; counts are summed over its steps, skips of all kinds together.
 *
 * @param exitMessage the first line of the recorded exit message (Batch stores whole stack traces), or empty
 */
public record JobExecutionSummary(long id, String jobName, String status, LocalDateTime started, LocalDateTime ended,
                                  long read, long written, long skipped, String exitMessage) {
}
