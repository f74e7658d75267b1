package org.cdoutcomes.db.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping a server that ends by itself meanwhile: Ctrl-C at a terminal reaches the embedded server too, which then shuts
 * down while cdo's own stop runs, and cdo warned "could not stop the embedded database server" of a server that had
 * stopped. The server here is a copy of {@code sleep} named {@code postgres}, with no {@code pg_ctl} beside it: pg_ctl
 * cannot run, as it could not for a JVM that was ending.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class PostgresServerStopTests {
    @TempDir
    Path folder;

    /** A process named postgres that lives that many seconds, described by the data directory's postmaster.pid. */
    private Process server(Path dataDirectory, int seconds) throws IOException {
        Path bin = Files.createDirectories(folder.resolve("bin"));
        Path postgres = Files.copy(Path.of(Files.exists(Path.of("/bin/sleep")) ? "/bin/sleep" : "/usr/bin/sleep"), bin.resolve("postgres"));
        postgres.toFile().setExecutable(true);
        Process process = new ProcessBuilder(postgres.toString(), Integer.toString(seconds)).start();
        long started = process.info().startInstant().orElseThrow().getEpochSecond();
        Files.createDirectories(dataDirectory);
        Files.writeString(dataDirectory.resolve(PostmasterPidFile.NAME), process.pid() + "\n" + dataDirectory + "\n" + started + "\n5432\n");
        return process;
    }

    @Test
    void aServerThatEndsByItselfWhileCdoStopsItIsStopped() throws Exception {
        Path dataDirectory = folder.resolve("pgdata");
        Process process = server(dataDirectory, 1);
        assertEquals(process.pid(), PostmasterPidFile.read(dataDirectory).flatMap(PostmasterPidFile::liveServer).orElseThrow().pid());

        new PostgresServer(dataDirectory, folder.resolve("server.log"), Duration.ofSeconds(20)).stop();

        assertFalse(process.isAlive());
    }

    @Test
    void aServerThatNeitherStopsNorEndsCannotBeStopped() throws Exception {
        Path dataDirectory = folder.resolve("pgdata");
        Process process = server(dataDirectory, 60);
        try {
            PostgresServer server = new PostgresServer(dataDirectory, folder.resolve("server.log"), Duration.ofMillis(300));

            EmbeddedDatabaseException failure = assertThrows(EmbeddedDatabaseException.class, server::stop);

            assertEquals("cannot stop the embedded database server in " + dataDirectory + " (see " + folder.resolve("server.log") + ")",
                    failure.getMessage());
        } finally {
            process.destroy();
        }
    }
}
