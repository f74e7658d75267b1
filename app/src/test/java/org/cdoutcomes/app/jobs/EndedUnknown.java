package org.cdoutcomes.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.jdbc.core.JdbcTemplate;

/** Test records of job executions as Batch leaves them when a step's rollback failed because its database went away. */
public final class EndedUnknown {
    private EndedUnknown() {
    }

    /** Records the execution, ended (failed) or left running by a kill, as ended UNKNOWN: the job and its last step. */
    public static void record(JdbcTemplate jdbc, long execution) {
        assertThat(jdbc.update("update batch_step_execution set status = 'UNKNOWN', exit_code = 'UNKNOWN', "
                + "end_time = coalesce(end_time, now()) where job_execution_id = ? and status in ('STARTED', 'FAILED')", execution))
                .isEqualTo(1);
        jdbc.update("update batch_job_execution set status = 'UNKNOWN', exit_code = 'UNKNOWN', exit_message = 'JDBC rollback failed', "
                + "end_time = coalesce(end_time, now()) where job_execution_id = ?", execution);
    }
}
