package org.cdoutcomes.app.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One job at a time per database schema, across processes: a PostgreSQL session-level advisory lock keyed by the job
 * name, held on a connection of its own for as long as the job runs. A process that dies loses its connection and with
 * it the lock, so a crash never leaves a job locked. Advisory locks belong to the database: the key of a schema other
 * than public (cdo demo --db's) mixes the schema's name in, so the demo's jobs neither wait for the clinic's nor pass
 * for them in {@link #held}.
 */
public final class JobLock {
    /** The first key of every cdo job lock, so they cannot collide with other advisory locks on the database. */
    private static final int NAMESPACE = 0x0CD0_0B00;

    private final DataSource dataSource;

    public JobLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The lock of the job, or nothing at once when another session holds it. */
    public Optional<Held> tryAcquire(String jobName) {
        Connection connection = connect();
        try {
            int key = key(connection, jobName);
            if (query(connection, "select pg_try_advisory_lock(?, ?)", key)) {
                return Optional.of(new Held(connection, key));
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException e) {
            discard(connection);
            throw new IllegalStateException("cannot take the lock of job " + jobName, e);
        }
    }

    /** The lock of the job, waiting as long as another session holds it; {@code beforeWaiting} runs only then. */
    public Held acquire(String jobName, Runnable beforeWaiting) {
        Optional<Held> free = tryAcquire(jobName);
        if (free.isPresent()) {
            return free.get();
        }
        beforeWaiting.run();
        Connection connection = connect();
        try {
            int key = key(connection, jobName);
            query(connection, "select pg_advisory_lock(?, ?) is null", key);
            return new Held(connection, key);
        } catch (SQLException e) {
            discard(connection);
            throw new IllegalStateException("cannot take the lock of job " + jobName, e);
        }
    }

    /**
     * Whether a session, of this process or another, holds the job's lock, that is whether the job runs now: an
     * execution recorded as running whose lock is free was left so by a process that died.
     */
    public boolean held(String jobName) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement("select exists (select 1 "
                + "from pg_locks where locktype = 'advisory' and granted and objsubid = 2 and classid = ?::bigint::oid "
                + "and objid = ?::bigint::oid and database = (select oid from pg_database where datname = current_database()))")) {
            // a two-key advisory lock shows its keys as unsigned 32-bit oids
            statement.setLong(1, Integer.toUnsignedLong(NAMESPACE));
            statement.setLong(2, Integer.toUnsignedLong(key(connection, jobName)));
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot look up the lock of job " + jobName, e);
        }
    }

    private Connection connect() {
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            return connection;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the database to take a job lock", e);
        }
    }

    /** The job's key in the connection's schema: the job name's hash in public, as before there were others. */
    private static int key(Connection connection, String jobName) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet schema = statement.executeQuery("select current_schema()")) {
            schema.next();
            String name = schema.getString(1);
            return name == null || name.equals("public") ? jobName.hashCode() : (name + "." + jobName).hashCode();
        }
    }

    private static boolean query(Connection connection, String sql, int key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, NAMESPACE);
            statement.setInt(2, key);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    /** Ends the session, which releases whatever it held, rather than return a connection that may hold a lock to a pool. */
    private static void discard(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException ignored) {
            // the connection is unusable either way; the server ends its session and the lock with it
        }
    }

    /** A held job lock; closing it releases the lock. */
    public static final class Held implements AutoCloseable {
        private final Connection connection;
        private final int key;

        private Held(Connection connection, int key) {
            this.connection = connection;
            this.key = key;
        }

        @Override
        public void close() {
            try {
                if (query(connection, "select pg_advisory_unlock(?, ?)", key)) {
                    connection.close();
                    return;
                }
            } catch (SQLException e) {
                // fall through: a lock that cannot be released in the session goes with the session
            }
            discard(connection);
        }
    }
}
