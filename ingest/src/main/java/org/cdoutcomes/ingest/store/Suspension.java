package org.cdoutcomes.ingest.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Schema objects (foreign keys, indexes) a large merge drops in its transaction and creates again, with the same
 * definitions, before it commits: the database checks or builds them once, set-based, instead of row by row, and a
 * failed merge rolls the DDL back with everything else.
 */
final class Suspension {
    private final List<String> recreate = new ArrayList<>();

    /** Runs {@code drop} now; {@code create} runs at {@link #restore}. */
    void drop(Connection connection, String drop, String create) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(drop);
        }
        recreate.add(create);
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
