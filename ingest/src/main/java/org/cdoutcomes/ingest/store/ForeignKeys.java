package org.cdoutcomes.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeSet;

/**
 * Foreign keys of the record tables, checked set-based for a large merge. PostgreSQL checks a foreign key with a
 * trigger query per written row (1,000,000 symptom rows: about 5 s); dropping the constraint in the merge's
 * transaction and adding it back with the same definition before commit checks every row of the table in one join
 * (0.35 s), through a {@link Suspension}: the database still refuses to commit a dangling reference. The price:
 * the tables are locked exclusively until the merge commits (a merge that finds one in use keeps its keys instead),
 * and re-adding scans the whole table, so this is done only when the rows written are not a small fraction of those
 * stored.
 */
final class ForeignKeys {
    /**
     * Written rows per stored row above which one whole-table check is cheaper than a trigger per row: a trigger
     * costs about 5 microseconds per written row, the check about 0.35 per stored row (break-even near 0.07).
     */
    private static final double WRITTEN_PER_STORED = 0.05;

    private ForeignKeys() {
    }

    /** Drops the foreign keys of each table (name to rows about to be written) that is to receive many rows. */
    static Suspension suspendFor(Connection connection, Map<String, Long> rowsToWrite) throws SQLException {
        Suspension suspension = new Suspension();
        try (PreparedStatement q = connection.prepareStatement(
                "select t.relname, c.conname, pg_get_constraintdef(c.oid), greatest(t.reltuples, 0) from pg_constraint c "
                        + "join pg_class t on t.oid = c.conrelid where c.contype = 'f' and t.relnamespace = current_schema()::regnamespace "
                        + "and t.relname = any (?) order by t.relname, c.conname")) {
            q.setArray(1, connection.createArrayOf("text", rowsToWrite.keySet().toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    if (rowsToWrite.get(table) >= WRITTEN_PER_STORED * rs.getDouble(4)) {
                        suspension.plan("alter table " + table + " drop constraint " + rs.getString(2),
                                "alter table " + table + " add constraint " + rs.getString(2) + " " + rs.getString(3));
                    }
                }
            }
        }
        return suspension.dropAll(connection, "foreign keys of " + String.join(", ", new TreeSet<>(rowsToWrite.keySet())));
    }
}
