package org.cdoutcomes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cdoutcomes.db.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs the packaged {@code target/cdo.jar} as separate processes, the way users run {@code ./cdo}: the embedded
 * server's life across processes, and what a user sees when the database cannot be reached.
 */
class CdoProcessIntegrationTests {
    private static final Path JAR = Path.of("target", "cdo.jar").toAbsolutePath();
    private static final Pattern PORT = Pattern.compile("listening on IPv4 address \"[^\"]+\", port (\\d+)");

    @TempDir
    Path work;

    @BeforeAll
    static void jarIsPackaged() {
        assertTrue(Files.isRegularFile(JAR), "run in the integration-test phase, after package: " + JAR);
    }

    @Test
    void twoConcurrentRunsOnAFreshFolderBothSucceedAndTheServerIsStoppedAfterBoth() throws Exception {
        Path data = work.resolve("data");
        Process first = start("jobs", "--data-dir", data.toString());
        Process second = start("jobs", "--data-dir", data.toString());

        for (Result result : List.of(finish(first), finish(second))) {
            assertEquals(0, result.exitCode(), result.stderr());
            assertEquals("No job executions yet.\n", result.stdout());
            assertEquals("", result.stderr());
        }
        assertServerGone(data);
    }

    /** README: SIGTERM lets cdo run stop cleanly and exit 0, also while it starts (it used to exit 143 with start-up errors). */
    @Test
    void sigtermWhileCdoRunStartsStopsItCleanlyBeforeARun() throws Exception {
        Path data = work.resolve("data");
        Files.createDirectories(work.resolve("inbox"));
        Files.createDirectories(work.resolve("outbox"));
        Process run = start("run", "--data-dir", data.toString());
        // signalled as soon as its embedded server is up, while it migrates the new database
        awaitServer(run, data.resolve("pgdata/postmaster.pid"));
        assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(run.pid())).start().waitFor());

        Result stopped = finish(run);

        assertEquals(0, stopped.exitCode(), stopped.stderr());
        assertTrue(stopped.stderr().endsWith("Stopped as asked, before a run started.\n"), stopped.stderr());
        try (var runs = Files.list(work.resolve("outbox"))) {
            assertEquals(0, runs.count(), "no run started");
        }
        assertServerGone(data);
    }

    /** Ctrl-C ends an ingest at once (status 130): it says that nothing half-read is kept and how to go on. */
    @Test
    void ctrlCDuringAnIngestSaysHowToResumeIt() throws Exception {
        Path data = work.resolve("data");
        Path patients = Files.writeString(work.resolve("patients.csv"), "patient_id\nP1\n");
        Process ingest = start("ingest", patients.toString(), "--data-dir", data.toString());
        // signalled as soon as its embedded server is up, while it migrates the new database
        awaitServer(ingest, data.resolve("pgdata/postmaster.pid"));
        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(ingest.pid())).start().waitFor());

        Result stopped = finish(ingest);

        assertEquals(130, stopped.exitCode(), stopped.stderr());
        // only this: not the failure of a connection to the server that the interruption stopped, nor a blank line
        assertEquals("cdo: the ingest was stopped before its run began; nothing is stored. Ingest the same files again.\n",
                stopped.stderr());
        assertServerGone(data);
    }

    /** Ctrl-C while a command connects to the embedded server it started ends it quietly (status 130). */
    @Test
    void ctrlCWhileACommandStartsEndsItWithoutAConnectionError() throws Exception {
        // signalled at moments after its embedded server is up, while it connects and migrates the new database: the
        // command used to fail to connect to the server its interruption stopped, and said so
        for (int delayMillis = 0; delayMillis <= 60; delayMillis += 15) {
            Path data = work.resolve("data-" + delayMillis);
            Process jobs = start("jobs", "--data-dir", data.toString());
            awaitServer(jobs, data.resolve("pgdata/postmaster.pid"));
            Thread.sleep(delayMillis);
            assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(jobs.pid())).start().waitFor());

            Result stopped = finish(jobs);

            assertEquals(130, stopped.exitCode(), delayMillis + " ms: " + stopped.stderr());
            assertEquals("", stopped.stderr(), delayMillis + " ms");
            assertServerGone(data);
        }
    }

    /**
     * Stopped amid a report (held on a table the test locks, before it writes): the progress line is ended and one
     * sentence says nothing was written; the workbook already there is as it was. (That a temporary file being written
     * is deleted when the JVM ends: OutputFilesTests.)
     */
    @Test
    void aReportStoppedAmidItsWorkSaysNothingWasWrittenAndKeepsTheOldWorkbook() throws Exception {
        var database = TestDatabases.migrated("cdo_ctrl_c_report");
        Path workbook = Files.writeString(work.resolve("report.xlsx"), "last quarter's report");
        try (var lock = database.getConnection()) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("lock table visit in access exclusive mode");
            Process report = start("report", "--db", TestDatabases.jdbcUrl(database), "--out", workbook.toString());
            JdbcTemplate jdbc = new JdbcTemplate(database);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (report.isAlive() && System.nanoTime() < deadline && jdbc.queryForObject("select count(*) from pg_stat_activity "
                    + "where datname = current_database() and wait_event_type = 'Lock'", Integer.class) == 0) {
                Thread.sleep(5);
            }
            assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(report.pid())).start().waitFor());

            Result stopped = finish(report);

            assertEquals(143, stopped.exitCode(), stopped::toString);
            assertTrue(stopped.stderr().endsWith("cdo: report was stopped before it finished; nothing was written (" + workbook
                    + " is as it was)\n"), stopped::toString);
        }
        assertEquals("last quarter's report", Files.readString(workbook));
        try (var left = Files.list(work)) {
            assertEquals(List.of("report.xlsx"), left.map(path -> path.getFileName().toString()).toList());
        }
    }

    /** Ctrl-C once the ingest's job has begun names the execution to restart. */
    @Test
    void ctrlCDuringAnIngestsJobNamesTheExecutionToRestart() throws Exception {
        var database = TestDatabases.migrated("cdo_ctrl_c");
        StringBuilder rows = new StringBuilder("patient_id,birth_year\n");
        for (int i = 0; i < 400_000; i++) {
            rows.append("P").append(i).append(",1970\n");
        }
        Path patients = Files.writeString(work.resolve("patients.csv"), rows);
        Process ingest = start("ingest", patients.toString(), "--db", TestDatabases.jdbcUrl(database));
        JdbcTemplate jdbc = new JdbcTemplate(database);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        List<Long> executions = List.of();
        while (executions.isEmpty() && ingest.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
            executions = jdbc.queryForList("select job_execution_id from ingest_run where job_execution_id is not null", Long.class);
        }
        assertEquals(1, executions.size(), "the job began");
        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(ingest.pid())).start().waitFor());

        Result stopped = finish(ingest);

        assertEquals(130, stopped.exitCode(), stopped.stderr());
        long execution = executions.get(0);
        assertTrue(stopped.stderr().contains("cdo: ingest run 1 (job execution " + execution + ") was stopped before it finished; "
                + "nothing half-read is stored. Resume it with cdo restart " + execution + ", or ingest the same files again."),
                stopped.stderr());
    }

    @Test
    void serverLeftByAKilledRunIsTakenOverByTheNextRunAndStoppedWhenItEnds() throws Exception {
        Path data = work.resolve("data");
        Process killed = start("jobs", "--data-dir", data.toString());
        // Kill it (SIGKILL: no shutdown hook runs) as soon as its server is up, while it migrates the new database.
        Path pidFile = data.resolve("pgdata/postmaster.pid");
        awaitServer(killed, pidFile);
        killed.destroyForcibly();
        killed.waitFor();
        long orphan = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        assertTrue(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false), "the killed run left its server running");

        Result next = finish(start("jobs", "--data-dir", data.toString()));

        assertEquals(0, next.exitCode(), next.stderr());
        assertEquals("No job executions yet.\n", next.stdout());
        assertServerGone(data);
        // The orphan is gone (or a zombie nobody reaped yet: it has no executable any more).
        assertFalse(ProcessHandle.of(orphan).flatMap(process -> process.info().command()).isPresent());
    }

    @Test
    void unreachableServerIsOneSentenceAndExitCode2() throws Exception {
        Result result = finish(start("jobs", "--db", "jdbc:postgresql://127.0.0.1:1/cdo"));

        assertEquals(2, result.exitCode());
        assertEquals("", result.stdout());
        assertEquals("cdo: cannot connect to the database at 127.0.0.1:1/cdo (from --db): nothing accepts connections there\n", result.stderr());
    }

    /** A server that takes the connection and never answers (hung, or another service on the port) does not hang cdo. */
    @Test
    void aServerThatNeverAnswersIsOneSentenceAndExitCode2() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String where = "127.0.0.1:" + silent.getLocalPort() + "/cdo";

            Result result = finish(start("jobs", "--db", "jdbc:postgresql://" + where));

            assertEquals(2, result.exitCode(), result.stderr());
            assertEquals("", result.stdout());
            assertEquals("cdo: cannot connect to the database at " + where + " (from --db): the server accepted the connection but "
                    + "did not answer in 10 s (is a PostgreSQL server listening there?)\n", result.stderr());
            assertFalse(accepted.isEmpty(), "cdo connected");
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void badUrlAndBadSettingAreOneSentenceAndExitCode2() throws Exception {
        Result url = finish(start("jobs", "--db", "postgres://localhost/cdo"));
        assertEquals(2, url.exitCode());
        assertEquals("cdo: --db expects a PostgreSQL JDBC URL such as jdbc:postgresql://localhost:5432/cdo\n", url.stderr());

        ProcessBuilder badSetting = command("jobs", "--db", "jdbc:postgresql://127.0.0.1:1/cdo");
        badSetting.environment().put("CDO_SUPPRESSION_THRESHOLD", "few");
        Result setting = finish(badSetting.start());
        assertEquals(2, setting.exitCode());
        assertEquals("cdo: setting suppression-threshold (environment variable CDO_SUPPRESSION_THRESHOLD) expects a whole number of 0 or more, got 'few'\n",
                setting.stderr());

        // the demo checks the settings before it replaces its files
        ProcessBuilder badDemo = command("demo", "--patients", "5");
        badDemo.environment().put("CDO_SUPPRESSION_THRESHOLD", "few");
        Result demo = finish(badDemo.start());
        assertEquals(2, demo.exitCode(), demo.stderr());
        assertTrue(demo.stderr().startsWith("cdo: setting suppression-threshold (environment variable CDO_SUPPRESSION_THRESHOLD)"),
                demo.stderr());
        assertFalse(Files.exists(work.resolve("cdo-demo")), "no clinic generated");

        // a misspelled variable is named, not ignored in silence
        ProcessBuilder misspelled = command("jobs", "--db", "jdbc:postgresql://127.0.0.1:1/cdo");
        misspelled.environment().put("CDO_CLINIC_NAM", "Movement Disorders Clinic");
        Result warned = finish(misspelled.start());
        assertEquals(2, warned.exitCode());
        assertTrue(warned.stderr().startsWith("cdo: WARN: The environment variable CDO_CLINIC_NAM is not one cdo reads (a misspelling?)"),
                warned.stderr());

        // empty, as an unset shell variable exported leaves it: the records would go to an embedded database unasked
        ProcessBuilder emptyUrl = command("jobs");
        emptyUrl.environment().put("CDO_DB_URL", "");
        Result empty = finish(emptyUrl.start());
        assertEquals(2, empty.exitCode());
        assertEquals("cdo: CDO_DB_URL expects a PostgreSQL JDBC URL such as jdbc:postgresql://localhost:5432/cdo, but is set "
                + "to an empty value; unset it for the embedded database\n", empty.stderr());

        // logback would take an unknown level for DEBUG, and print every library's debug output
        ProcessBuilder badLevel = command("jobs", "--db", "jdbc:postgresql://127.0.0.1:1/cdo");
        badLevel.environment().put("CDO_LOG_LEVEL", "bogus");
        Result level = finish(badLevel.start());
        assertEquals(2, level.exitCode());
        assertEquals("cdo: CDO_LOG_LEVEL expects one of TRACE, DEBUG, INFO, WARN, ERROR, OFF, got 'bogus'\n", level.stderr());
    }

    /**
     * A full disk under the report and the analysis: the file asked for and the reason, in one sentence (the analysis
     * said "No space left on device" of no file; the report POI's "The part /xl/charts/chart1.xml failed to be saved in
     * the stream with marshaller ...", after a POI log line), exit 1, and nothing left in the folder. The disk is a
     * 16 KiB tmpfs that a file fills, mounted in a mount namespace of the child's own (unshare, as a user namespace's
     * root: no privilege needed).
     */
    @Test
    void anOutputOnAFullDiskIsNamedWithTheReason() throws Exception {
        String url = TestDatabases.jdbcUrl(TestDatabases.migrated("full_disk"));
        Path full = Files.createDirectories(work.resolve("full"));
        for (String[] output : new String[][] {{"report", "--out", "r.xlsx"}, {"analyze", "--json", "a.json"}}) {
            ProcessBuilder onFullDisk = command(output[0], "--db", url, output[1], full.resolve(output[2]).toString());
            List<String> command = new ArrayList<>(List.of("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                    "mount -t tmpfs -o size=16k tmpfs \"$0\" && { head -c 16384 /dev/zero > \"$0/fill\"; \"$@\"; status=$?; "
                            + "echo left: $(ls -A \"$0\"); exit $status; }", full.toString()));
            command.addAll(onFullDisk.command());
            Result result = finish(onFullDisk.command(command).start());

            assertEquals(1, result.exitCode(), result.toString());
            assertEquals("cdo: " + output[0] + " failed: cannot write " + full.resolve(output[2]) + ": No space left on device\n",
                    result.stderr());
            assertTrue(result.stdout().endsWith("left: fill\n"), "only the filling file stays: " + result.stdout());
        }
    }

    /** A damaged workbook is named in cdo's words only: POI's warning about the zip would come first, in its own. */
    @Test
    void aTruncatedWorkbookIsOneSentenceWithoutALibraryWarning() throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream entries = new ZipOutputStream(zip)) {
            entries.putNextEntry(new ZipEntry("[Content_Types].xml"));
            entries.write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".repeat(50)
                    .getBytes(StandardCharsets.UTF_8));
            entries.closeEntry();
        }
        byte[] whole = zip.toByteArray();
        Path workbook = Files.write(work.resolve("visits.xlsx"), java.util.Arrays.copyOf(whole, whole.length / 2));
        String url = TestDatabases.jdbcUrl(TestDatabases.migrated("cdo_process_xlsx"));

        Result result = finish(start("ingest", "--db", url, "--rejects", work.resolve("r.csv").toString(), workbook.toString()));

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("cannot read " + workbook + ": it is not a readable xlsx workbook"), result::toString);
        assertFalse(result.stderr().contains("WARN"), result::toString);
    }

    /**
     * File names come with the exports, chosen by whoever dropped them: a line break in one must not forge a line of the
     * output or the log, an escape sequence must not steer the terminal, a right-to-left override must not show the name
     * reversed. The product's log configuration, hence a process of its own.
     */
    @Test
    void fileNamesFromExportsCannotForgeLinesOrSteerTheTerminal() throws Exception {
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        String forged = "visits\nINFO all files read\u001B[2J.csv";
        Files.write(inbox.resolve(forged), new byte[] {0, 1, 2, (byte) 0xFF});
        Files.createSymbolicLink(inbox.resolve("symptoms\u202Evsc.exe"), work.resolve("elsewhere.csv"));
        Path outbox = Files.createDirectories(work.resolve("outbox"));
        Path config = Files.writeString(work.resolve("cdo.yml"), "inbox: " + inbox + "\noutbox: " + outbox + "\n");
        String url = TestDatabases.jdbcUrl(TestDatabases.migrated("cdo_process_names"));

        Path exports = Files.createDirectories(work.resolve("exports"));
        Files.write(exports.resolve(forged), new byte[] {0, 1, 2, (byte) 0xFF});

        Result ingest = finish(start("ingest", "--db", url, "--rejects", work.resolve("r.csv").toString(), inbox.toString()));
        Result run = finish(start("run", "--db", url, "--config", config.toString()));
        Result runPaths = finish(start("run", "--db", url, "--config", config.toString(), exports.toString()));
        Result jobs = finish(start("jobs", "--db", url));

        String escaped = "visits\\nINFO all files read\\x1B[2J.csv";
        assertEquals(1, ingest.exitCode(), ingest::toString);
        assertTrue(ingest.stderr().contains("cannot read " + inbox.resolve("visits") + "\\nINFO all files read\\x1B[2J.csv: "),
                ingest::toString);
        assertTrue(ingest.stdout().contains(escaped + " "), ingest::toString);
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("The inbox holds a symbolic link, symptoms\\u202Evsc.exe, which runs do not follow"),
                run::toString);
        // files named on the command line stay where they are: each is named with its reason
        assertEquals(1, runPaths.exitCode(), runPaths::toString);
        assertTrue(runPaths.stderr().contains(exports + "/" + escaped + ": it is not a CSV text file"), runPaths::toString);
        for (Result shown : List.of(ingest, run, runPaths, jobs)) {
            String all = shown.stdout() + shown.stderr();
            assertFalse(all.contains("\u001B") || all.contains("\u202E"), shown::toString);
            assertTrue(all.lines().noneMatch(line -> line.startsWith("INFO all files read")), shown::toString);
        }
        // the file itself keeps its name: it moved to failed/ as it was called
        assertTrue(Files.exists(inbox.resolve("failed").resolve(forged)), run::toString);
    }

    private static boolean serverReady(Path pidFile) throws IOException {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.size() >= 8 && lines.get(7).trim().equals("ready");
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
    }

    /** No server runs for the folder: no postmaster.pid, no lease, and no port it ever listened on answers. */
    private static void assertServerGone(Path data) throws IOException {
        assertFalse(Files.exists(data.resolve("pgdata/postmaster.pid")), "postmaster.pid removed by a clean stop");
        try (var leases = Files.list(data.resolve("leases"))) {
            assertEquals(List.of(), leases.toList());
        }
        Matcher ports = PORT.matcher(Files.readString(data.resolve("postgresql.log")));
        List<String> seen = new ArrayList<>();
        while (ports.find()) {
            seen.add(ports.group(1));
        }
        assertFalse(seen.isEmpty(), "the log names the ports the server listened on");
        for (String port : seen) {
            try {
                DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres?user=postgres&connectTimeout=2").close();
                throw new AssertionError("a server still answers on port " + port);
            } catch (SQLException expected) {
                // nothing listens there any more (a server that does would ask for the password instead)
                assertEquals("08001", expected.getSQLState(), () -> "port " + port + ": " + expected.getMessage());
            }
        }
    }

    /** Waits until the process's embedded server is up (it then migrates the new database). */
    private static void awaitServer(Process process, Path pidFile) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!serverReady(pidFile) && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(process.isAlive(), "cdo ended before its server was up");
    }

    private ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("CDO_"));
        return builder;
    }

    private Process start(String... args) throws IOException {
        return command(args).start();
    }

    private static Result finish(Process process) throws Exception {
        // Read both streams while waiting, so a chatty process cannot block on a full pipe.
        var stdout = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        var stderr = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("cdo did not finish within 180 s");
        }
        return new Result(process.exitValue(), stdout.get(), stderr.get());
    }

    private static String read(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }
}
