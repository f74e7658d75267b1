package org.cdoutcomes.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.cdoutcomes.app.CdoMain;
import org.cdoutcomes.app.CdoRun;
import org.cdoutcomes.app.jobs.EndedUnknown;
import org.cdoutcomes.db.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A {@code cdo ingest} killed (SIGKILL) after its first file was staged resumes with {@code cdo restart ID} and ends
 * with exactly the records and per-file counts of an uninterrupted {@code cdo ingest}.
 */
class IngestRestartIntegrationTests {
    private static final List<String> RECORD_TABLES = List.of("patient", "visit", "visit_muscle", "symptom");
    private static final int PATIENTS = 4000;

    @TempDir
    Path root;

    /**
     * Killed, or ended UNKNOWN: Batch's status when a step's rollback failed because the database went away (the server
     * crashed mid-ingest), which Batch itself restarts neither as a job nor as a step.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aKilledIngestRestartedByTheCommandEndsAsAnUninterruptedOne(boolean endedUnknown) throws Exception {
        Path clinic = clinic();
        DataSource reference = TestDatabases.migrated("ingest_reference");
        CdoRun uninterrupted = uninterruptedIngest(reference, clinic);
        List<String> unreadable = uninterrupted.err().lines().filter(line -> line.startsWith("cannot read ")).toList();
        assertThat(unreadable).hasSize(1);

        DataSource killed = TestDatabases.migrated("ingest_killed");
        JdbcTemplate jdbc = new JdbcTemplate(killed);
        long execution = killedAfterItsFirstFile(killed, clinic);
        if (endedUnknown) {
            EndedUnknown.record(jdbc, execution);
        }

        CdoRun restart = CdoRun.of("restart", "--db", TestDatabases.jdbcUrl(killed), Long.toString(execution));

        assertThat(restart.exitCode()).as("as the uninterrupted run, for its unreadable file; " + restart).isEqualTo(1);
        assertThat(restart.out()).contains("Job ingest: execution " + execution + " restarted as execution ");
        // and then what cdo ingest prints at its end: the same per-file counts as the uninterrupted run, the report,
        // and the file it could not read
        List<String> table = uninterrupted.out().lines().filter(line -> line.startsWith(clinic.toString())).toList();
        assertThat(table).hasSize(4);
        assertThat(restart.out().lines().filter(line -> line.startsWith(clinic.toString())).toList()).isEqualTo(table);
        assertThat(restart.out()).contains("reject report: " + root.resolve("rejects.csv").toAbsolutePath());
        assertThat(restart.err()).contains(endedUnknown ? "Job execution " + execution + " ended UNKNOWN"
                : "Job execution " + execution + " was left STARTED by a process that ended");
        assertThat(restart.err().lines().filter(line -> line.startsWith("cannot read ")).toList()).isEqualTo(unreadable);
        assertThat(records(killed)).isEqualTo(records(reference));
        assertThat(fileCounts(killed)).isEqualTo(fileCounts(reference)).hasSize(4);
        assertThat(jdbc.queryForObject("select status from ingest_run", String.class)).isEqualTo("COMPLETED");
        assertThat(Files.readString(root.resolve("rejects.csv"))).isEqualTo(Files.readString(root.resolve("reference-rejects.csv")));
    }

    /** A restart redoes what the killed run had not done: at a terminal, with the progress cdo ingest shows. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aRestartedIngestShowsItsProgressAtATerminal() throws Exception {
        Path clinic = clinic();
        DataSource killed = TestDatabases.migrated("ingest_killed_progress");
        long execution = killedAfterItsFirstFile(killed, clinic);
        String java = ProcessHandle.current().info().command().orElseThrow();
        // script gives the command a terminal: stderr is one, as at the user's
        String command = "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' " + CdoMain.class.getName()
                + " restart --db '" + TestDatabases.jdbcUrl(killed) + "' " + execution;
        ProcessBuilder underScript = new ProcessBuilder("script", "-qec", command, "/dev/null")
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).redirectErrorStream(true);
        // the width of script's terminal, not one the build's environment may give
        underScript.environment().remove("COLUMNS");
        Process restart = underScript.start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(restart.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        assertThat(restart.waitFor(120, TimeUnit.SECONDS)).as("the restart ended within 120 s").isTrue();
        String shown = output.get(10, TimeUnit.SECONDS);
        assertThat(restart.exitValue()).as("as an uninterrupted run, for its unreadable file; " + shown).isEqualTo(1);
        assertThat(shown).as("the files it read, and the merge")
                .containsPattern("symptoms\\.csv: [\\d,]+ rows, [\\d,]+ rows/s")
                .containsPattern("merging [\\d,]+ rows into the records \\(one transaction\\)\\.\\.\\. done in ");
    }

    /** {@code cdo ingest} of the clinic into the reference database, which exits 1 for the clinic's unreadable file. */
    private CdoRun uninterruptedIngest(DataSource reference, Path clinic) {
        CdoRun uninterrupted = CdoRun.of("ingest", "--db", TestDatabases.jdbcUrl(reference), "--rejects",
                root.resolve("reference-rejects.csv").toString(), clinic.toString());
        assertThat(uninterrupted.exitCode()).as(uninterrupted.toString()).isEqualTo(1);
        return uninterrupted;
    }

    /** Starts {@code cdo ingest} of the clinic in a child JVM and kills it (SIGKILL) once a file is staged; its execution id. */
    private long killedAfterItsFirstFile(DataSource killed, Path clinic) throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(killed);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), CdoMain.class.getName(), "ingest",
                "--db", TestDatabases.jdbcUrl(killed), "--rejects", root.resolve("rejects.csv").toString(), clinic.toString())
                .redirectOutput(root.resolve("child.out").toFile()).redirectErrorStream(true).start();
        awaitAStagedFile(jdbc, child::isAlive);
        child.destroyForcibly();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("SIGKILL").isEqualTo(137);
        assertThat(jdbc.queryForList("select status from ingest_stage_file order by file_no", String.class))
                .as("killed after the first file, before the run ended").contains("PLANNED");
        return jdbc.queryForObject("select job_execution_id from ingest_run", Long.class);
    }

    /**
     * The other way back from a killed ingest: the same ingest again, as a new run. It ends as an uninterrupted run, and
     * the killed run, which read nothing the new one did not, is abandoned: cdo restart would only put its older rows back.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aKilledIngestRunAgainIsAbandoned(boolean endedUnknown) throws Exception {
        Path clinic = clinic();
        DataSource reference = TestDatabases.migrated("ingest_reference_again");
        uninterruptedIngest(reference, clinic);
        DataSource killed = TestDatabases.migrated("ingest_killed_again");
        long execution = killedAfterItsFirstFile(killed, clinic);
        if (endedUnknown) {
            EndedUnknown.record(new JdbcTemplate(killed), execution);
        }

        CdoRun again = CdoRun.of("ingest", "--db", TestDatabases.jdbcUrl(killed), "--rejects", root.resolve("rejects.csv").toString(),
                clinic.toString());

        assertThat(again.exitCode()).as("for its unreadable file; " + again).isEqualTo(1);
        assertThat(again.out()).contains("ingest run 1 (job execution " + execution + "), which did not finish, read no file that "
                + "this run did not read again: it is abandoned, with nothing left to restart");
        assertThat(records(killed)).isEqualTo(records(reference));
        assertThat(new JdbcTemplate(killed).queryForList("select tablename from pg_tables where tablename like 'stage%'", String.class))
                .as("what the killed run staged for a restart").isEmpty();
        CdoRun jobs = CdoRun.of("jobs", "--db", TestDatabases.jdbcUrl(killed));
        assertThat(jobs.out().lines().filter(line -> line.startsWith(execution + " ")).toList())
                .singleElement().asString().contains("ABANDONED").endsWith("read again by ingest run 2");
        CdoRun restart = CdoRun.of("restart", "--db", TestDatabases.jdbcUrl(killed), Long.toString(execution));
        assertThat(restart.exitCode()).isEqualTo(2);
        assertThat(restart.err()).contains("cdo: Job execution " + execution + " is ABANDONED (read again by ingest run 2) and cannot be restarted.");
    }

    /**
     * The database server goes away mid-ingest (here: the network between them, a proxy closed once a file is staged). The
     * job cannot record its end, nor can cdo jobs be asked, so the message names the execution to resume; resumed once the
     * server is back, the ingest ends as an uninterrupted one.
     */
    @Test
    void anIngestThatLostItsServerNamesTheExecutionThatResumesIt() throws Exception {
        Path clinic = clinic();
        DataSource reference = TestDatabases.migrated("ingest_reference_lost");
        uninterruptedIngest(reference, clinic);
        PGSimpleDataSource lost = (PGSimpleDataSource) TestDatabases.migrated("ingest_lost");
        JdbcTemplate jdbc = new JdbcTemplate(lost);
        CdoRun failed;
        try (TcpProxy proxy = new TcpProxy(lost.getServerNames()[0], lost.getPortNumbers()[0] > 0 ? lost.getPortNumbers()[0] : 5432)) {
            String throughProxy = TestDatabases.jdbcUrl(lost).replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
            Future<CdoRun> ingest = Executors.newSingleThreadExecutor().submit(() -> CdoRun.of("ingest", "--db", throughProxy,
                    "--rejects", root.resolve("rejects.csv").toString(), clinic.toString()));
            awaitAStagedFile(jdbc, () -> !ingest.isDone());
            proxy.close();
            failed = ingest.get(180, TimeUnit.SECONDS);
        }
        long execution = jdbc.queryForObject("select job_execution_id from ingest_run", Long.class);

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err()).as(failed.toString()).endsWith("once it is back, run the command again, or resume its job with "
                + "cdo restart " + execution + System.lineSeparator());
        CdoRun restart = CdoRun.of("restart", "--db", TestDatabases.jdbcUrl(lost), Long.toString(execution));
        assertThat(restart.exitCode()).as("as the uninterrupted run, for its unreadable file; " + restart).isEqualTo(1);
        assertThat(records(lost)).isEqualTo(records(reference));
        assertThat(fileCounts(lost)).isEqualTo(fileCounts(reference)).hasSize(4);
    }

    /** Forwards local connections to the database server until closed, which then cuts every connection at once. */
    private static final class TcpProxy implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        TcpProxy(String host, int port) throws IOException {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket client = listener.accept();
                        Socket server = new Socket(host, port);
                        sockets.add(client);
                        sockets.add(server);
                        pipe(client, server);
                        pipe(server, client);
                    }
                } catch (IOException closed) {
                    // the proxy was closed
                }
            }, "proxy-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private static void pipe(Socket from, Socket to) {
            Thread pipe = new Thread(() -> {
                try {
                    from.getInputStream().transferTo(to.getOutputStream());
                } catch (IOException cut) {
                    // either end closed
                }
            }, "proxy-pipe");
            pipe.setDaemon(true);
            pipe.start();
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    /** A clinic big enough that staging its files takes a while: 4,000 patients, 8 visits each, 6 scores a visit. */
    private Path clinic() throws IOException {
        Path clinic = Files.createDirectories(root.resolve("clinic"));
        try (Writer patients = Files.newBufferedWriter(clinic.resolve("patients.csv"));
             Writer visits = Files.newBufferedWriter(clinic.resolve("visits.csv"));
             Writer symptoms = Files.newBufferedWriter(clinic.resolve("symptoms.csv"))) {
            patients.write("patient_id,sex,birth_year\n");
            visits.write("visit_id,patient_id,visit_date,product,muscle,side,dose_units\n");
            symptoms.write("record_id,patient_id,recorded_on,kind,term,value,visit_id\n");
            LocalDate start = LocalDate.of(2022, 1, 3);
            int record = 0;
            for (int p = 0; p < PATIENTS; p++) {
                patients.write("P" + p + "," + (p % 2 == 0 ? "F" : "M") + "," + (1940 + p % 60) + "\n");
                for (int v = 0; v < 8; v++) {
                    LocalDate day = start.plusDays(90L * v + p % 30);
                    visits.write("V" + p + "-" + v + ",P" + p + "," + day + ",Botox,SCM,L," + (20 + v) + "\n");
                    visits.write("V" + p + "-" + v + ",P" + p + "," + day + ",Botox,trap,R,30\n");
                    for (int s = 0; s < 6; s++) {
                        symptoms.write("R" + (record++) + ",P" + p + "," + day.plusDays(5 + s) + ",score,twstrs_total," + (20 + s)
                                + ",V" + p + "-" + v + "\n");
                    }
                }
            }
            // one row that breaks a rule, so the reject reports are compared too
            symptoms.write("R-bad,P0,2022-01-10,score,twstrs_total,999,V0-0\n");
        }
        Files.writeString(clinic.resolve("visits-old.xlsx"), "not a workbook\n");
        return clinic;
    }

    /** Waits until the ingest under way has staged a file. */
    private static void awaitAStagedFile(JdbcTemplate jdbc, BooleanSupplier ingesting) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (jdbc.queryForObject("select count(*) from ingest_stage_file where status = 'STAGED'", Integer.class) == 0) {
            assertThat(ingesting.getAsBoolean()).as("the ingest is still running").isTrue();
            assertThat(System.nanoTime()).as("a file was staged within 120 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** Every record table, row by row as text, in a fixed order, without the symptoms' surrogate key (drawn from a sequence). */
    private static Map<String, List<String>> records(DataSource database) {
        JdbcTemplate jdbc = new JdbcTemplate(database);
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String table : RECORD_TABLES) {
            tables.put(table, jdbc.queryForList("select (to_jsonb(t) - 'symptom_id')::text from " + table + " t order by 1", String.class));
        }
        return tables;
    }

    private static List<String> fileCounts(DataSource database) {
        return new JdbcTemplate(database).queryForList("select file || ' ' || status || ' ' || rows_read || ' ' || inserted || ' '"
                + " || updated || ' ' || unchanged || ' ' || rejected || ' ' || warnings from ingest_file order by file", String.class);
    }
}
