package org.cdoutcomes.db.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
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
    void wipedFolderStartsOverAndAFolderInUseIsNotWiped() throws SQLException {
        try (EmbeddedDatabase database = EmbeddedDatabase.open(folder);
             Connection c = dataSource(database).getConnection(); Statement s = c.createStatement()) {
            s.execute("create table gone (n int)");
            assertThrows(EmbeddedDatabaseException.class, () -> EmbeddedDatabase.wipe(folder));
        }
        EmbeddedDatabase.wipe(folder);
        try (EmbeddedDatabase database = EmbeddedDatabase.open(folder);
             Connection c = dataSource(database).getConnection(); Statement s = c.createStatement()) {
            assertEquals(0, count(s, "select count(*) from pg_tables where tablename = 'gone'"));
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
    void serverOfAProcessThatDiedIsJoinedAndThenStoppedByTheLastToLeave() throws IOException {
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

    private static List<Path> deadLeases(Path folder) throws IOException {
        try (var files = Files.list(folder.resolve("leases"))) {
            return files.filter(file -> file.getFileName().toString().startsWith("999999-")).toList();
        }
    }

    private static void assertServerStopped(Path folder, int port) {
        assertTrue(PostmasterPidFile.read(folder.resolve("pgdata")).isEmpty(), "postmaster.pid is gone after a clean stop");
        assertThrows(SQLException.class, () -> PostgresServer.dataSource(port).getConnection().close());
    }

    private static PGSimpleDataSource dataSource(EmbeddedDatabase database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.jdbcUrl());
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
