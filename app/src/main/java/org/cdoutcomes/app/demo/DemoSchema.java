package org.cdoutcomes.app.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.cdoutcomes.app.cli.CdoException;
import org.cdoutcomes.app.cli.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's schema in a server's database ({@code cdo demo --db}), replaced at each run like the embedded demo
 * database, and like it held for the whole demo: a second {@code cdo demo} on the same database waits for the first
 * instead of dropping the schema under it. Given to {@code CdoContext.openInSchema}, which calls {@link #accept}
 * before migrating; close it before that context.
 */
final class DemoSchema implements Consumer<DataSource>, AutoCloseable {
    static final String NAME = "cdo_demo";
    /** Key of the session advisory lock a demo holds on its schema (any constant: "cdodemo" in ASCII). */
    private static final long LOCK = 0x63646f64656d6fL;
    private static final Logger LOG = LoggerFactory.getLogger(DemoSchema.class);

    private Connection held;

    @Override
    public void accept(DataSource dataSource) {
        try {
            held = dataSource.getConnection();
            held.setAutoCommit(true);
            try (Statement s = held.createStatement()) {
                waitForLock(s);
                s.execute("drop schema if exists " + NAME + " cascade");
                s.execute("create schema " + NAME);
            }
        } catch (SQLException e) {
            throw CdoException.badUsage("cdo demo cannot replace its schema " + NAME + " in the database of --db: "
                    + Failures.sentence(e), e);
        }
    }

    /** Takes the lock, saying so in the log when another demo holds it, as the embedded demo database does; then waits. */
    private static void waitForLock(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("select pg_try_advisory_lock(" + LOCK + ")")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return;
            }
        }
        LOG.warn("waiting for another cdo demo to finish with schema {} of that database", NAME);
        s.execute("select pg_advisory_lock(" + LOCK + ")");
    }

    /** Releases the schema to the next demo (the lock lives in the pooled connection's session, which outlives this). */
    @Override
    public void close() throws SQLException {
        if (held != null) {
            try (Connection connection = held; Statement s = connection.createStatement()) {
                s.execute("select pg_advisory_unlock(" + LOCK + ")");
            }
        }
    }
}
