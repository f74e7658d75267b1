package org.cdoutcomes.ingest.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema objects (foreign keys, indexes) a large merge drops in its transaction and creates again, with the same
 * definitions, before it commits: the database checks or builds them once, set-based, instead of row by row, and a
 * failed merge rolls the DDL back with everything else.
 *
 * <p>Dropping locks the tables exclusively, so it must not wait for a reader. A reader may hold one record table and
 * be about to read another in the same process (an analysis reads patients, charts and symptoms on three
 * connections): while this merge waited for the first table, holding the second, that reader would queue behind it,
 * and PostgreSQL cannot see that the first connection waits for the second one's process, so both would hang for
 * good. The drops therefore give up after {@link #LOCK_WAIT}, and the merge keeps everything in place and writes
 * through it: slower, never stuck.
 */
final class Suspension {
    private static final Logger LOG = LoggerFactory.getLogger(Suspension.class);
    /** The longest wait for a table in use; a reader's own queries take a lock within milliseconds of each other. */
    static final String LOCK_WAIT = "2s";
    /** PostgreSQL's lock_not_available: what a lock_timeout raises. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final List<String> drops = new ArrayList<>();
    private final List<String> recreate = new ArrayList<>();

    /** Plans dropping an object with {@code drop} and creating it again with {@code create}. */
    void plan(String drop, String create) {
        drops.add(drop);
        recreate.add(create);
    }

    /**
     * Drops what was planned, or nothing when a table stays in use for {@link #LOCK_WAIT} ({@code what} says which
     * objects, for the log).
     */
    Suspension dropAll(Connection connection, String what) throws SQLException {
        if (drops.isEmpty()) {
            return this;
        }
        Savepoint before = connection.setSavepoint();
        try (Statement s = connection.createStatement()) {
            s.execute("set local lock_timeout = '" + LOCK_WAIT + "'");
            for (String drop : drops) {
                s.execute(drop);
            }
            s.execute("set local lock_timeout to default");
            connection.releaseSavepoint(before);
        } catch (SQLException e) {
            if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw e;
            }
            // also undoes the drops made and the lock_timeout
            connection.rollback(before);
            recreate.clear();
            LOG.info("A record table is in use by a reader: the merge keeps the {} and writes through them", what);
        }
        drops.clear();
        return this;
    }

    /** Creates again, in the order dropped, what was dropped. */
    void restore(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String create : recreate) {
                s.execute(create);
            }
        }
        recreate.clear();
    }
}
