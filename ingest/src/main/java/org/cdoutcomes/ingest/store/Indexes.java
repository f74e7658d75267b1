package org.cdoutcomes.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Secondary indexes of a record table, rebuilt for a merge that inserts at least as many rows as the table holds
 * (a first load): one sorted build per index costs about half as much as inserting every row into it. The indexes
 * dropped are those that back no constraint (primary keys stay, and with them the lookups of the merge's updates);
 * they are created again with the same definitions in the merge's transaction, so a unique one still proves its
 * identities unique, and a failed merge rolls the DDL back. An index built on a table that already holds many rows
 * costs more than inserting a fraction of them into it, hence the threshold.
 */
final class Indexes {
    /** Rows to insert per stored row from which a rebuild pays (measured: 25 % new rows cost twice as much rebuilt). */
    private static final double INSERTED_PER_STORED = 1.0;

    private record Dropped(String name, String definition) {
    }

    private final List<Dropped> dropped;

    private Indexes(List<Dropped> dropped) {
        this.dropped = dropped;
    }

    /** Drops the table's indexes that back no constraint when the rows about to be inserted call for a rebuild. */
    static Indexes suspendFor(Connection connection, String table, long rowsToInsert) throws SQLException {
        List<Dropped> dropped = new ArrayList<>();
        try (PreparedStatement q = connection.prepareStatement(
                "select i.relname, pg_get_indexdef(i.oid), greatest(t.reltuples, 0) from pg_index x "
                        + "join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid "
                        + "where t.relname = ? and t.relnamespace = current_schema()::regnamespace "
                        + "and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid) order by i.relname")) {
            q.setString(1, table);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    if (rowsToInsert > 0 && rowsToInsert >= INSERTED_PER_STORED * rs.getDouble(3)) {
                        dropped.add(new Dropped(rs.getString(1), rs.getString(2)));
                    }
                }
            }
        }
        try (Statement s = connection.createStatement()) {
            for (Dropped index : dropped) {
                s.execute("drop index " + index.name());
            }
        }
        return new Indexes(dropped);
    }

    /** Builds the dropped indexes again. */
    void restore(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (Dropped index : dropped) {
                s.execute(index.definition());
            }
        }
    }
}
