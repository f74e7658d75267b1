package org.cdoutcomes.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Foreign keys of the record tables, checked set-based for a large merge. PostgreSQL checks a foreign key with a
 * trigger query per written row (1,000,000 symptom rows: about 5 s); dropping the constraint in the merge's
 * transaction and adding it back with the same definition before commit checks every row of the table in one join
 * (0.35 s). The database still refuses to commit a dangling reference, and a failed merge rolls the DDL back
 * with everything else. The price: the tables are locked exclusively until the merge commits, and re-adding scans
 * the whole table, so this is done only when the rows written are not a small fraction of those stored.
 */
final class ForeignKeys {
    /**
     * Written rows per stored row above which one whole-table check is cheaper than a trigger per row: a trigger
     * costs about 5 microseconds per written row, the check about 0.35 per stored row (break-even near 0.07).
     */
    private static final double WRITTEN_PER_STORED = 0.05;

    private record Suspended(String table, String name, String definition) {
    }

    private final List<Suspended> suspended;

    private ForeignKeys(List<Suspended> suspended) {
        this.suspended = suspended;
    }

    /** Drops the foreign keys of each table (name to rows about to be written) that is to receive many rows. */
    static ForeignKeys suspendFor(Connection connection, Map<String, Long> rowsToWrite) throws SQLException {
        List<Suspended> suspended = new ArrayList<>();
        try (PreparedStatement q = connection.prepareStatement(
                "select t.relname, c.conname, pg_get_constraintdef(c.oid), greatest(t.reltuples, 0) from pg_constraint c "
                        + "join pg_class t on t.oid = c.conrelid where c.contype = 'f' and t.relnamespace = current_schema()::regnamespace "
                        + "and t.relname = any (?) order by t.relname, c.conname")) {
            q.setArray(1, connection.createArrayOf("text", rowsToWrite.keySet().toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    if (rowsToWrite.get(rs.getString(1)) >= WRITTEN_PER_STORED * rs.getDouble(4)) {
                        suspended.add(new Suspended(rs.getString(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
        }
        try (Statement s = connection.createStatement()) {
            for (Suspended fk : suspended) {
                s.execute("alter table " + fk.table() + " drop constraint " + fk.name());
            }
        }
        return new ForeignKeys(suspended);
    }

    /** Adds the dropped keys back, checking every stored row. */
    void restore(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (Suspended fk : suspended) {
                s.execute("alter table " + fk.table() + " add constraint " + fk.name() + " " + fk.definition());
            }
        }
    }
}
