package org.cdoutcomes.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.cdoutcomes.app.CdoRun;
import org.cdoutcomes.db.TestDatabases;
import org.junit.jupiter.api.Test;

class JobExecutionsIntegrationTests {
    /**
     * The job repository may hold executions of jobs cdo does not run (another application's, on a shared database):
     * cdo restart refuses them by name, exit 2, and cannot be made to run them.
     */
    @Test
    void anExecutionOfAJobCdoDoesNotRunIsNotRestarted() throws SQLException {
        DataSource db = TestDatabases.migrated("cdo_jobs_other");
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into batch_job_instance (job_instance_id, version, job_name, job_key) values (1, 0, 'nightly-etl', 'k1')");
            s.execute("insert into batch_job_execution (job_execution_id, version, job_instance_id, create_time, start_time, end_time, "
                    + "status, exit_code, exit_message) values (7, 1, 1, '2026-11-02 08:00:00', '2026-11-02 08:00:01', "
                    + "'2026-11-02 08:03:30', 'FAILED', 'FAILED', '')");
        }

        CdoRun restart = CdoRun.of("restart", "--db", TestDatabases.jdbcUrl(db), "7");

        assertEquals(2, restart.exitCode(), restart::toString);
        assertEquals("cdo: Job execution 7 is of job nightly-etl, which this command cannot run." + System.lineSeparator(), restart.err());
    }


    @Test
    void listsNewestFirstWithCountsSummedOverStepsOneSentenceOfTheExitMessageAndRestartsLinked() throws SQLException {
        DataSource db = TestDatabases.migrated("cdo_jobs");
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into batch_job_instance (job_instance_id, version, job_name, job_key) values (1, 0, 'ingest', 'k1'), (2, 0, 'report', 'k2'), (3, 0, 'ingest', 'k3')");
            // execution 13 is a restart of 11: a second execution of its job instance
            s.execute("""
                    insert into batch_job_execution (job_execution_id, version, job_instance_id, create_time, start_time, end_time, status, exit_code, exit_message)
                    values (10, 1, 1, '2026-11-02 08:00:00', '2026-11-02 08:00:01', '2026-11-02 08:03:30', 'COMPLETED', 'COMPLETED', ''),
                           (11, 1, 3, '2026-11-03 08:00:00', '2026-11-03 08:00:02', '2026-11-03 08:00:09', 'FAILED', 'FAILED',
                            'org.springframework.dao.DuplicateKeyException: duplicate key value violates unique constraint "visit_pkey"
                      Detail: Key (visit_id)=(V-000123) already exists.
                    	at org.springframework.jdbc...'),
                           (12, 1, 2, '2026-11-04 09:00:00', '2026-11-04 09:00:00', null, 'STARTED', 'UNKNOWN', null),
                           (13, 1, 3, '2026-11-05 08:00:00', '2026-11-05 08:00:01', '2026-11-05 08:00:02', 'FAILED', 'FAILED',
                            'java.io.UncheckedIOException: cannot publish /srv/outbox/run-1
                    	at org.cdoutcomes.app.pipeline.PipelineSteps.publish(PipelineSteps.java:104)
                    Caused by: java.nio.file.FileAlreadyExistsException: /srv/outbox/run-1
                    	at java.base/sun.nio.fs.UnixException.translateToIOException(UnixException.java:94)
                    	... 60 more
                    	Suppressed: java.lang.IllegalStateException: cleanup
                    		Caused by: java.lang.RuntimeException: not the cause')
                    """);
            s.execute("""
                    insert into batch_step_execution (step_execution_id, version, step_name, job_execution_id, create_time, start_time, end_time, status,
                        commit_count, read_count, filter_count, write_count, read_skip_count, write_skip_count, process_skip_count, rollback_count)
                    values (100, 1, 'patients', 10, '2026-11-02 08:00:01', '2026-11-02 08:00:01', '2026-11-02 08:01:00', 'COMPLETED', 2, 2000, 5, 1998, 1, 0, 1, 0),
                           (101, 1, 'visits',   10, '2026-11-02 08:01:00', '2026-11-02 08:01:00', '2026-11-02 08:03:30', 'COMPLETED', 9, 9000, 0, 8990, 4, 3, 3, 0),
                           (102, 1, 'patients', 11, '2026-11-03 08:00:02', '2026-11-03 08:00:02', '2026-11-03 08:00:09', 'FAILED', 0, 500, 0, 0, 0, 0, 0, 1)
                    """);
        }

        List<JobExecutionSummary> all;
        try (JobLock.Held running = new JobLock(db).tryAcquire("report").orElseThrow()) {
            all = new JobExecutions(db).recent(20);
        }

        assertEquals(List.of(
                new JobExecutionSummary(13, "ingest", "FAILED", LocalDateTime.of(2026, 11, 5, 8, 0, 1), LocalDateTime.of(2026, 11, 5, 8, 0, 2),
                        0, 0, 0, "restart of 11; cannot create /srv/outbox/run-1: something of that name is already there"),
                new JobExecutionSummary(12, "report", "STARTED", LocalDateTime.of(2026, 11, 4, 9, 0), null, 0, 0, 0, ""),
                new JobExecutionSummary(11, "ingest", "FAILED", LocalDateTime.of(2026, 11, 3, 8, 0, 2), LocalDateTime.of(2026, 11, 3, 8, 0, 9),
                        500, 0, 0, "restarted as 13; duplicate key value violates unique constraint \"visit_pkey\""),
                new JobExecutionSummary(10, "ingest", "COMPLETED", LocalDateTime.of(2026, 11, 2, 8, 0, 1), LocalDateTime.of(2026, 11, 2, 8, 3, 30),
                        11000, 10988, 17, "")), all);
        assertEquals(List.of(13L, 12L), new JobExecutions(db).recent(2).stream().map(JobExecutionSummary::id).toList());
        // the lock released, as by a process that died: the execution recorded as running is not
        assertEquals("not running: the process that ran it ended; cdo restart 12 resumes it",
                new JobExecutions(db).recent(2).get(1).exitMessage());

        StringWriter table = new StringWriter();
        JobsCommand.print(all.subList(2, 4), new PrintWriter(table, true));
        assertEquals("""
                ID  JOB     STATUS     STARTED              ENDED                READ   WRITTEN  SKIPPED  MESSAGE
                11  ingest  FAILED     2026-11-03 08:00:02  2026-11-03 08:00:09  500    0        0        restarted as 13; duplicate key value violates unique constraint "visit_pkey"
                10  ingest  COMPLETED  2026-11-02 08:00:01  2026-11-02 08:03:30  11000  10988    17
                """, table.toString().replace(System.lineSeparator(), "\n"));
    }
}
