package org.cdoutcomes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.cdoutcomes.app.CdoRun;
import org.cdoutcomes.app.jobs.JobExecutionSummary;
import org.cdoutcomes.app.jobs.JobExecutions;
import org.cdoutcomes.db.TestDatabases;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

class CdoContextIntegrationTests {

    @Test
    void aSchemaOfItsOwnReplacesTheUrlsCurrentSchemaAndKeepsItsOtherParameters() {
        assertEquals("jdbc:postgresql://h:5432/db?currentSchema=cdo_demo", CdoContext.withSchema("jdbc:postgresql://h:5432/db", "cdo_demo"));
        assertEquals("jdbc:postgresql://h/db?user=u&ssl=true&currentSchema=cdo_demo",
                CdoContext.withSchema("jdbc:postgresql://h/db?user=u&currentschema=public&ssl=true", "cdo_demo"));
        assertEquals("jdbc:postgresql://h/db?currentSchema=cdo_demo", CdoContext.withSchema("jdbc:postgresql://h/db?", "cdo_demo"));
    }

    @Test
    void migratesAnEmptyDatabaseAndRunsAJobOfTheGivenConfigurationInTheJdbcJobRepository() throws Exception {
        DatabaseOptions options = new DatabaseOptions();
        options.url = urlWithCredentials((PGSimpleDataSource) TestDatabases.fresh("cdo_context"));

        try (CdoContext cdo = CdoContext.open(options, CountingJob.class)) {
            assertEquals(13L, new JdbcTemplate(cdo.dataSource()).queryForObject("select count(*) from muscle", Long.class));
            assertSame(cdo.dataSource(), cdo.bean(DataSource.class));
            assertSame(cdo.settings(), cdo.bean(CdoSettings.class));

            JobExecution execution = cdo.bean(JobOperator.class).start(cdo.bean(Job.class), new JobParameters());

            assertEquals(BatchStatus.COMPLETED, execution.getStatus());
            List<JobExecutionSummary> listed = new JobExecutions(cdo.dataSource()).recent(5);
            assertEquals(1, listed.size());
            assertEquals("counting", listed.get(0).jobName());
            assertEquals("COMPLETED", listed.get(0).status());
        }
    }

    /** An unset shell variable (--db "$URL") must not send the data to the embedded database instead. */
    @Test
    void anEmptyDbOptionIsBadUsage() {
        DatabaseOptions options = new DatabaseOptions();
        options.url = " ";
        options.dataDir = Path.of("target/never-created-" + ProcessHandle.current().pid());

        CdoException refused = assertThrows(CdoException.class, () -> CdoContext.open(options).close());

        assertEquals(CdoException.BAD_USAGE, refused.exitCode());
        assertEquals("--db expects a PostgreSQL JDBC URL such as jdbc:postgresql://localhost:5432/cdo, but got an empty value; "
                + "leave --db out for the embedded database", refused.getMessage());
        assertTrue(Files.notExists(options.dataDir), "no embedded database was started");
    }

    /** cli.md: the embedded database serves only without --db and CDO_DB_URL; a --data-dir beside --db is said to be unused. */
    @Test
    void aDataDirBesideAServerIsSaidToBeUnused() {
        Path dataDir = Path.of("target", "unused-" + ProcessHandle.current().pid());
        String url = urlWithCredentials((PGSimpleDataSource) TestDatabases.fresh("cdo_datadir"));

        CdoRun run = CdoRun.of("jobs", "--db", url, "--data-dir", dataDir.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.err().contains("Note: --data-dir " + dataDir + " is not used: --db names a database server"), run::toString);
        assertTrue(Files.notExists(dataDir), "no embedded database was started");
    }

    /** A server with no connection left is busy, not misconfigured: exit 1 (try again), not 2 (bad usage). */
    @Test
    void aServerWithNoConnectionLeftIsAFailureToTryAgainNotBadUsage() {
        PGSimpleDataSource database = (PGSimpleDataSource) TestDatabases.fresh("cdo_context_full");
        JdbcTemplate jdbc = new JdbcTemplate(database);
        String role = "cdo_full_" + ProcessHandle.current().pid();
        // a role allowed no connection gets the error of a full server (SQLSTATE 53300)
        jdbc.execute("create role " + role + " login connection limit 0");
        try {
            CdoRun run = CdoRun.of("jobs", "--db", database.getUrl() + (database.getUrl().contains("?") ? "&" : "?") + "user=" + role);

            assertEquals(1, run.exitCode(), run.toString());
            assertTrue(run.err().contains("the server has no connection left (too many connections for role \"" + role
                    + "\"): try again when fewer programs use it"), run.err());
        } finally {
            jdbc.execute("drop role " + role);
        }
    }

    /** The pool opens connections as work needs them: an idle command holds one, not the pool's ten. */
    @Test
    void anIdleCommandHoldsOneConnection() throws Exception {
        DatabaseOptions options = new DatabaseOptions();
        DataSource database = TestDatabases.fresh("cdo_context_idle");
        options.url = urlWithCredentials((PGSimpleDataSource) database);
        JdbcTemplate observer = new JdbcTemplate(database);
        try (CdoContext cdo = CdoContext.open(options, CountingJob.class)) {
            // idle: the backend of the connection that checked the server first can linger a moment on a loaded machine
            Thread.sleep(1000);
            int most = 0;
            for (int i = 0; i < 20; i++) {
                Thread.sleep(50);
                most = Math.max(most, observer.queryForObject("select count(*) from pg_stat_activity "
                        + "where datname = current_database() and pid <> pg_backend_pid()", Integer.class));
            }
            assertTrue(most <= 2, most + " connections");
        }
    }

    /** As a user would pass it to --db: the data source keeps user and password apart from its URL. */
    private static String urlWithCredentials(PGSimpleDataSource dataSource) {
        String url = dataSource.getUrl() + (dataSource.getUrl().contains("?") ? "&" : "?") + "user=" + dataSource.getUser();
        return dataSource.getPassword() == null ? url : url + "&password=" + dataSource.getPassword();
    }

    @Configuration
    static class CountingJob {
        @Bean
        Job countingJob(JobRepository jobRepository, PlatformTransactionManager transactionManager) {
            return new JobBuilder("counting", jobRepository)
                    .start(new StepBuilder("count", jobRepository)
                            .tasklet((contribution, chunk) -> RepeatStatus.FINISHED, transactionManager)
                            .build())
                    .build();
        }
    }
}
