package org.cdoutcomes.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.cdoutcomes.db.TestDatabases;
import org.cdoutcomes.ingest.store.IngestRuns;
import org.cdoutcomes.ingest.store.IngestRuns.FileResult;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A killed ingest (SIGKILL of its JVM while staging, and while merging) loses and duplicates nothing: ingesting the
 * same files again ends in exactly the state of an uninterrupted run. Two concurrent ingests end as one.
 */
class CrashAndConcurrencyIntegrationTests {
    @TempDir
    static Path dir;
    static Path clinic;
    static Map<String, List<String>> uninterrupted;

    @BeforeAll
    static void clinicAndItsUninterruptedState() throws Exception {
        clinic = dir.resolve("clinic");
        Files.createDirectories(clinic);
        try (Writer patients = Files.newBufferedWriter(clinic.resolve("patients.csv"));
             Writer visits = Files.newBufferedWriter(clinic.resolve("visits.csv"));
             Writer symptoms = Files.newBufferedWriter(clinic.resolve("symptoms.csv"))) {
            patients.write("patient_id,sex,birth_year\n");
            visits.write(IngestIntegrationTests.VISITS_HEADER + "\n");
            symptoms.write("record_id,patient_id,recorded_on,kind,term,value,visit_id\n");
            LocalDate start = LocalDate.of(2022, 1, 3);
            int record = 0;
            for (int p = 0; p < 5000; p++) {
                patients.write("P" + p + "," + (p % 2 == 0 ? "F" : "M") + "," + (1940 + p % 60) + "\n");
                for (int v = 0; v < 8; v++) {
                    LocalDate day = start.plusDays(90L * v + p % 30);
                    visits.write("V" + p + "-" + v + ",P" + p + "," + day + ",Botox,SCM,L," + (20 + v) + ",,\n");
                    visits.write("V" + p + "-" + v + ",P" + p + "," + day + ",Botox,trap,R,30,,\n");
                    for (int s = 0; s < 6; s++) {
                        symptoms.write("R" + (record++) + ",P" + p + "," + day.plusDays(5 + s) + ",score,twstrs_total," + (20 + s) + ",V" + p + "-" + v + "\n");
                    }
                }
            }
        }
        try (IngestTestContext ctx = IngestTestContext.fresh("cdo_ingest_reference")) {
            ctx.ingest(clinic);
            uninterrupted = ctx.records();
        }
        assertEquals(240_000, uninterrupted.get(IngestTestContext.RECORD_TABLES.get(3)).size());
    }

    @Test
    void killedWhileStagingThenIngestedAgain() throws Exception {
        killedAndIngestedAgain("cdo_ingest_kill_stage", CrashAndConcurrencyIntegrationTests::midSymptomsFile);
    }

    @Test
    void killedWhileMergingThenIngestedAgain() throws Exception {
        killedAndIngestedAgain("cdo_ingest_kill_merge", line -> line.startsWith("PROGRESS done ") && line.endsWith("visits.csv"));
    }

    /** Killed in its last step, the reject report's, after its merge committed: nothing is left to restart it for. */
    @Test
    void killedAfterItsMergeThenIngestedAgain() throws Exception {
        try (IngestTestContext ctx = new IngestTestContext(TestDatabases.migrated("cdo_ingest_kill_report"))) {
            IngestOutcome first = ctx.ingest(clinic);
            long execution = first.jobExecutionId();
            ctx.jdbc.update("update batch_job_execution set status = 'STARTED', exit_code = 'UNKNOWN', end_time = null "
                    + "where job_execution_id = ?", execution);
            assertEquals(1, ctx.jdbc.update("update batch_step_execution set status = 'STARTED', exit_code = 'EXECUTING', "
                    + "end_time = null where job_execution_id = ? and step_name = 'ingest-report'", execution));

            IngestOutcome again = ctx.ingest(clinic);

            assertEquals(List.of(first.runId()), ctx.bean(Ingester.class).abandonSuperseded(again).stream()
                    .map(IngestRuns.Superseded::runId).toList());
            assertEquals("ABANDONED", ctx.jdbc.queryForObject("select status from batch_job_execution where job_execution_id = ?",
                    String.class, execution));
            assertEquals(uninterrupted, ctx.records());
        }
    }

    @Test
    void killedWhileStagingThenRestartedWhereItStopped() throws Exception {
        var dataSource = TestDatabases.migrated("cdo_ingest_kill_restart");
        killChild(dataSource, CrashAndConcurrencyIntegrationTests::midSymptomsFile);
        try (IngestTestContext ctx = new IngestTestContext(dataSource)) {
            Long executionId = ctx.jdbc.queryForObject("select job_execution_id from ingest_run", Long.class);
            assertEquals(List.of("STAGED", "PLANNED", "PLANNED"), ctx.jdbc.queryForList(
                    "select status from ingest_stage_file order by file_no", String.class), "killed while staging the second file");
            // a run of another file in between (a header alone: it stores nothing) leaves the killed run to be restarted
            Path other = Files.createDirectories(dir.resolve("other")).resolve("patients.csv");
            Files.writeString(other, "patient_id\n");
            assertEquals(List.of(), ctx.bean(Ingester.class).abandonSuperseded(ctx.ingest(other)));
            JobOperator operator = ctx.bean(JobOperator.class);
            JobExecution killed = ctx.bean(JobRepository.class).getJobExecution(executionId);
            JobExecution restarted = operator.restart(operator.recover(killed));
            assertEquals("COMPLETED", restarted.getStatus().name());
            assertEquals(uninterrupted, ctx.records());
            assertEquals(List.of(5_000L, 240_000L, 80_000L), ctx.jdbc.queryForList(
                    "select f.inserted from ingest_file f join ingest_stage_file p using (run_id, file) where p.run_id = ? order by p.file_no",
                    Long.class, restarted.getJobParameters().getLong(Ingester.RUN_ID)));
        }
    }

    /** The child has streamed some rows of the symptoms file (progress comes every 65,536 rows). */
    private static boolean midSymptomsFile(String line) {
        return line.startsWith("PROGRESS rows ") && !line.startsWith("PROGRESS rows 0 ") && line.endsWith("symptoms.csv");
    }

    private void killedAndIngestedAgain(String prefix, Predicate<String> killWhen) throws Exception {
        var dataSource = TestDatabases.migrated(prefix);
        killChild(dataSource, killWhen);
        try (IngestTestContext ctx = new IngestTestContext(dataSource)) {
            Map<String, Object> killed = ctx.jdbc.queryForMap("select run_id, job_execution_id from ingest_run");
            IngestOutcome again = ctx.ingest(clinic);
            assertTrue(again.completed());
            assertEquals(uninterrupted, ctx.records());
            // the killed run read nothing this one did not: it is abandoned, and what it staged for a restart is gone
            assertEquals(List.of(killed.get("run_id")), ctx.bean(Ingester.class).abandonSuperseded(again).stream()
                    .map(IngestRuns.Superseded::runId).toList());
            assertEquals(List.of(), ctx.jdbc.queryForList("select tablename from pg_tables where tablename like 'stage%'", String.class));
            assertEquals("ABANDONED", ctx.jdbc.queryForObject("select status from batch_job_execution where job_execution_id = ?",
                    String.class, killed.get("job_execution_id")));
            IngestOutcome third = ctx.ingest(clinic);
            assertTrue(third.files().stream().allMatch(f -> f.unchanged() == f.read()), "a third ingest finds everything unchanged");
        }
    }

    private static void killChild(DataSource dataSource, Predicate<String> killWhen) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), IngestChild.class.getName(), TestDatabases.jdbcUrl(dataSource),
                clinic.toString())
                .redirectErrorStream(true)
                .start();
        boolean killed = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (killWhen.test(line)) {
                    child.destroyForcibly();
                    killed = true;
                    break;
                }
            }
        }
        child.waitFor();
        assertTrue(killed, "the child was killed at the chosen moment");
        assertEquals(137, child.exitValue(), "SIGKILL");
    }

    /**
     * A reader holding one record table (an analysis reads three on three connections, which take their locks moments
     * apart) while a first load's merge wants to drop keys and indexes: were the merge to wait for it, holding the
     * tables it had already locked, the reader's next query (here: symptoms) would queue behind the merge, and neither
     * would end. The merge gives up the drops instead, and both end while the reader still holds its table.
     */
    @Test
    void aMergeDoesNotWaitForAReaderHoldingARecordTable() throws Exception {
        try (IngestTestContext ctx = IngestTestContext.fresh("cdo_ingest_reader");
             Connection reader = ctx.dataSource.getConnection(); Connection next = ctx.dataSource.getConnection()) {
            List<String> keys = ctx.jdbc.queryForList(FOREIGN_KEYS, String.class);
            reader.setAutoCommit(false);
            try (Statement s = reader.createStatement()) {
                s.execute("select count(*) from visit");
            }
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<IngestOutcome> ingest = pool.submit(() -> ctx.ingest(clinic));
                awaitWaitingFor(ctx, reader);
                Future<Long> symptoms = pool.submit(() -> {
                    try (Statement s = next.createStatement(); ResultSet rs = s.executeQuery("select count(*) from symptom")) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
                assertTrue(ingest.get(3, TimeUnit.MINUTES).completed());
                assertTrue(symptoms.get(1, TimeUnit.MINUTES) >= 0);
            } finally {
                reader.rollback();
                pool.shutdownNow();
            }
            assertEquals(uninterrupted, ctx.records());
            assertEquals(keys, ctx.jdbc.queryForList(FOREIGN_KEYS, String.class), "the foreign keys are all there");
        }
    }

    /**
     * A run that never merged is abandoned only by a later run that staged again each file it staged: a later run that
     * could not read one (it had become unreadable) is no replacement, and the earlier run stays restartable.
     */
    @Test
    void anUnmergedRunIsAbandonedOnlyWhenEachFileItStagedIsStagedAgain() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("replaced"));
        Path patients = folder.resolve("patients.csv");
        Files.writeString(patients, "patient_id,sex\nP1,F\n");
        try (IngestTestContext ctx = IngestTestContext.fresh("cdo_ingest_superseded")) {
            IngestOutcome first = ctx.ingest(patients);
            // as if it had failed after staging, before its merge
            ctx.jdbc.update("update ingest_stage_file set merged = false where run_id = ?", first.runId());
            ctx.jdbc.update("update batch_job_execution set status = 'FAILED' where job_execution_id = ?", first.jobExecutionId());
            Ingester ingester = ctx.bean(Ingester.class);

            Files.write(patients, new byte[] {'p', 0, 0, 1});
            IngestOutcome unreadable = ctx.ingest(patients);
            assertTrue(unreadable.anyFileFailed());
            assertEquals(List.of(), ingester.abandonSuperseded(unreadable), "a file it could not read replaces nothing");

            Files.writeString(patients, "patient_id,sex\nP1,F\n");
            assertEquals(List.of(first.runId()), ingester.abandonSuperseded(ctx.ingest(patients)).stream()
                    .map(IngestRuns.Superseded::runId).toList());
        }
    }

    /** The same file named otherwise (a "." in the path, a link to its folder) is the same file: its run is superseded. */
    @Test
    void anUnmergedRunIsAbandonedByARunThatNamesItsFileOtherwise() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("spelled"));
        Path patients = Files.writeString(folder.resolve("patients.csv"), "patient_id,sex\nP1,F\n");
        Path link = Files.createSymbolicLink(dir.resolve("spelled-link"), folder);
        try (IngestTestContext ctx = IngestTestContext.fresh("cdo_ingest_spelled")) {
            IngestOutcome first = ctx.ingest(patients);
            // as if it had been killed after staging, before its merge
            ctx.jdbc.update("update ingest_stage_file set merged = false where run_id = ?", first.runId());
            ctx.jdbc.update("update batch_job_execution set status = 'FAILED' where job_execution_id = ?", first.jobExecutionId());

            IngestOutcome again = ctx.ingest(link.resolve(".").resolve("patients.csv"));

            assertEquals(List.of(first.runId()), ctx.bean(Ingester.class).abandonSuperseded(again).stream()
                    .map(IngestRuns.Superseded::runId).toList());
        }
    }

    private static final String FOREIGN_KEYS = "select conrelid::regclass || ' ' || pg_get_constraintdef(oid) from pg_constraint "
            + "where contype = 'f' and conrelid::regclass::text in ('patient', 'visit', 'visit_muscle', 'symptom') order by 1";

    /** Waits until a connection of the test database waits for a lock that {@code holder}'s backend holds. */
    private static void awaitWaitingFor(IngestTestContext ctx, Connection holder) throws Exception {
        int pid = holder.unwrap(org.postgresql.PGConnection.class).getBackendPID();
        for (int i = 0; i < 6000; i++) {
            Integer waiting = ctx.jdbc.queryForObject("select count(*) from pg_stat_activity where ? = any (pg_blocking_pids(pid))",
                    Integer.class, pid);
            if (waiting != null && waiting > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the merge never asked for the table the reader holds");
    }

    @Test
    void twoConcurrentIngestsOfTheSameFilesEndAsOne() throws Exception {
        try (IngestTestContext ctx = IngestTestContext.fresh("cdo_ingest_concurrent")) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Callable<IngestOutcome> ingest = () -> ctx.ingest(clinic);
                Future<IngestOutcome> a = pool.submit(ingest);
                Future<IngestOutcome> b = pool.submit(ingest);
                List<IngestOutcome> outcomes = List.of(a.get(), b.get());
                assertTrue(outcomes.stream().allMatch(IngestOutcome::completed));
                assertEquals(uninterrupted, ctx.records());
                List<Long> inserted = new ArrayList<>();
                for (IngestOutcome outcome : outcomes) {
                    inserted.add(outcome.files().stream().mapToLong(FileResult::inserted).sum());
                }
                // one run inserted every row (5,000 + 80,000 + 240,000), the other found them all unchanged
                assertEquals(List.of(0L, 325_000L), inserted.stream().sorted().toList());
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
