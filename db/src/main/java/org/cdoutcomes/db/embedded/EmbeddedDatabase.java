package org.cdoutcomes.db.embedded;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.cdoutcomes.db.embedded.Leases.Lease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL server of a data folder, shared by every process that uses the folder: the first one
 * starts it, later ones join it, the last one to leave stops it. A server left behind by a process that was killed
 * is joined by the next one, which then stops it when it leaves last.
 *
 * <p>The folder holds {@code pgdata/} (the PostgreSQL cluster, fsync on), {@code server-password} (the password
 * every connection must give, readable by its owner only), {@code postgresql.log}, {@code server.lock} (held while a
 * process decides to start, join or stop the server) and {@code leases/} (one locked file per process using the
 * server). Within one JVM a folder is opened once and counted.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String PGDATA = "pgdata";
    private static final String SERVER_LOG = "postgresql.log";
    private static final String LOCK_FILE = "server.lock";
    private static final String LEASES = "leases";
    /** The files a data folder holds besides folders; hidden ones (.DS_Store) are left out of the check. */
    private static final Set<String> DATABASE_FILES = Set.of(SERVER_LOG, LOCK_FILE, PostgresServer.PASSWORD_FILE);
    private static final Map<Path, EmbeddedDatabase> OPEN = new HashMap<>();
    private static boolean shutdownHookAdded;
    private static final Duration DELETE_POLL = Duration.ofMillis(200);
    private static final Duration DELETE_TELL_AFTER = Duration.ofSeconds(2);

    private final Path folder;
    private final PostgresServer server;
    private final Leases leases;
    private final Lease lease;
    private final int port;
    private final String password;
    private int users = 1;

    private EmbeddedDatabase(Path folder, PostgresServer server, Leases leases, Lease lease, int port, String password) {
        this.folder = folder;
        this.server = server;
        this.leases = leases;
        this.lease = lease;
        this.port = port;
        this.password = password;
    }

    /** Joins (or starts) the server of the folder, creating the folder and the database at first use. */
    public static EmbeddedDatabase open(Path folder) {
        Path key = folder.toAbsolutePath().normalize();
        synchronized (OPEN) {
            EmbeddedDatabase open = OPEN.get(key);
            if (open != null) {
                open.users++;
                return open;
            }
            try {
                refuseForeign(key);
                try {
                    Files.createDirectories(key);
                } catch (FileSystemException e) {
                    throw unusable(key, e, "cannot be created", "a folder cdo can create and write");
                }
                // before the server starts: a process signalled while starting it stops it on the way out (the hook waits
                // for this start to end, then closes what it opened)
                addShutdownHookOnce();
                EmbeddedDatabase database = join(key);
                OPEN.put(key, database);
                return database;
            } catch (FileSystemException e) {
                throw unusable(key, e, "cannot be read or written", "a folder this account can write");
            } catch (IOException e) {
                throw new EmbeddedDatabaseException("cannot use the data folder " + key + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The refusal of a data folder for a file it could not use. Such an exception's message is the path alone (an
     * AccessDeniedException's as a rule): say what is wrong with it, and what would do.
     */
    static EmbeddedDatabaseException unusable(Path folder, FileSystemException e, String problem, String expected) {
        String reason = e.getReason() != null ? e.getReason() : e instanceof AccessDeniedException ? "permission denied" : null;
        return new EmbeddedDatabaseException("cannot use the data folder " + folder + ": " + e.getFile() + " " + problem
                + (reason != null ? " (" + reason + ")" : "") + "; name " + expected + " (--data-dir)", e);
    }

    /**
     * Refuses a data folder that is a file, or that holds files which are not the database's (an export folder given
     * to --data-dir by mistake), before a server is created among them. Sub-folders are allowed: demo's database
     * lives in a folder inside the default one.
     */
    private static void refuseForeign(Path folder) throws IOException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new EmbeddedDatabaseException("cannot use the data folder " + folder + ": it is a file, not a folder");
        }
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (var entries = Files.list(folder)) {
            Optional<String> foreign = entries.filter(Files::isRegularFile)
                    .map(f -> f.getFileName().toString()).filter(name -> !name.startsWith(".") && !DATABASE_FILES.contains(name))
                    .findFirst();
            if (foreign.isPresent()) {
                throw new EmbeddedDatabaseException("cannot use the data folder " + folder + ": it holds " + foreign.get()
                        + " and other files that are not a cdo database; name a new or empty folder (--data-dir)");
            }
        }
    }

    /**
     * Deletes the folder's database and log, for a command that replaces its own database at each run ({@code cdo
     * demo}). While other live processes use the folder it waits for them to leave (saying so in the log); a server
     * left behind by a killed process is stopped first. The folder and its lock file stay.
     *
     * @throws EmbeddedDatabaseException when this process has the folder open, or files cannot be deleted
     */
    public static void delete(Path folder) {
        Path key = folder.toAbsolutePath().normalize();
        synchronized (OPEN) {
            if (OPEN.containsKey(key)) {
                throw new EmbeddedDatabaseException("the database in " + key + " is still open in this process");
            }
        }
        if (!Files.isDirectory(key)) {
            return;
        }
        Path lockFile = key.resolve(LOCK_FILE);
        long start = System.nanoTime();
        boolean told = false;
        try {
            while (true) {
                try (FolderLock ignored = FolderLock.acquire(lockFile)) {
                    if (new Leases(key.resolve(LEASES)).alive() == 0) {
                        new PostgresServer(key.resolve(PGDATA), key.resolve(SERVER_LOG)).stop();
                        deleteAllBut(key, lockFile);
                        return;
                    }
                }
                if (!told && System.nanoTime() - start > DELETE_TELL_AFTER.toNanos()) {
                    LOG.warn("waiting for another cdo to finish with the database in {} before replacing it", key);
                    told = true;
                }
                Thread.sleep(DELETE_POLL.toMillis());
            }
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("cannot delete the database in " + key + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedDatabaseException("interrupted while waiting to replace the database in " + key, e);
        }
    }

    private static void deleteAllBut(Path folder, Path kept) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!file.equals(folder) && !file.equals(kept)) {
                    Files.delete(file);
                }
            }
        }
    }

    private static EmbeddedDatabase join(Path folder) throws IOException {
        PostgresServer server = new PostgresServer(folder.resolve(PGDATA), folder.resolve(SERVER_LOG));
        Leases leases = new Leases(folder.resolve(LEASES));
        try (FolderLock ignored = FolderLock.acquire(folder.resolve(LOCK_FILE))) {
            boolean alone = leases.alive() == 0;
            Lease lease = leases.take();
            try {
                int port = server.startOrReuse(alone);
                // read under the lock, once: the file may only change under it
                return new EmbeddedDatabase(folder, server, leases, lease, port, server.password().orElse(null));
            } catch (IOException | RuntimeException e) {
                lease.release();
                throw e;
            }
        }
    }

    /** Stops the servers of this JVM's open folders when it is interrupted (Ctrl-C, SIGTERM) before closing them. */
    private static void addShutdownHookOnce() {
        if (!shutdownHookAdded) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                synchronized (OPEN) {
                    for (EmbeddedDatabase database : new ArrayList<>(OPEN.values())) {
                        database.users = 1;
                        database.close();
                    }
                }
            }, "cdo-embedded-database-leave"));
            shutdownHookAdded = true;
        }
    }

    /**
     * Starts the server again when it has gone (killed, crashed) while this process uses it, on the port it had when that
     * is still free, so that connection pools made for it reconnect by themselves: for a process that runs for long
     * ({@code cdo schedule}). Nothing while its process lives. Says in the log what it did, or why it could not.
     */
    public void reviveIfGone() {
        synchronized (OPEN) {
            // closed (a shutdown hook ran): no lease is held here, so no server may be started for it
            if (users == 0) {
                return;
            }
            Optional<Integer> running = server.runningPort();
            if (running.isPresent()) {
                // port 0: it is still starting and has not said yet
                if (running.get() != 0 && running.get() != port) {
                    warnMoved(running.get());
                }
                return;
            }
            try (FolderLock ignored = FolderLock.acquire(folder.resolve(LOCK_FILE))) {
                // not alone: this process holds its lease (and counting leases would drop its lock, see Leases.alive)
                int now = server.startOrReuse(false, Optional.of(port));
                if (now == port) {
                    LOG.warn("the database server in {} had stopped; it runs again on port {}", folder, port);
                } else {
                    warnMoved(now);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("the database server in {} does not answer and could not be started again: {}", folder, e.getMessage());
            }
        }
    }

    private void warnMoved(int now) {
        LOG.warn("the database server in {} runs on port {} now, not on port {} as when this cdo started: restart this cdo to "
                + "reach it", folder, now, port);
    }

    /** The server's URL, with its user; the password is {@link #password()}, kept out of URLs, which get logged. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + PostgresServer.DATABASE + "?user=" + PostgresServer.USER;
    }

    /** The password every connection gives; null while a server of an earlier cdo still trusts local connections. */
    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    public Path folder() {
        return folder;
    }

    /** Leaves the server; the last process to leave stops it. */
    @Override
    public void close() {
        synchronized (OPEN) {
            if (users == 0 || --users > 0) {
                return;
            }
            OPEN.remove(folder);
            try (FolderLock ignored = FolderLock.acquire(folder.resolve(LOCK_FILE))) {
                lease.release();
                if (leases.alive() == 0) {
                    server.stop();
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not stop the embedded database server in {}: {}", folder, e.getMessage());
            }
        }
    }
}
