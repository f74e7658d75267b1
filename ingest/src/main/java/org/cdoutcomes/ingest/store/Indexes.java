package org.cdoutcomes.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Indexes of a record table, rebuilt for a merge that inserts at least as many rows as the table holds (a first
 * load): one sorted build per index costs about half as much as inserting every row into it. The indexes dropped
 * are those that back no constraint, and a primary key that no foreign key references (visit_muscle's natural key:
 * keeping it up to date while inserting 830,000 chart lines cost 1.7-2.4 s, building it afterwards 0.6-1.5 s; a merge
 * drops it only after its updates and deletes, which look rows up by it; symptom's identity key: appending 1,000,000
 * rows to it cost 0.55 s, building it 0.2 s). They are created again with the same definitions in the merge's
 * transaction ({@link Suspension}), so a unique one still proves its identities unique. An index built on a table
 * that already holds many rows costs more than inserting a fraction of them into it, hence the threshold.
 */
final class Indexes {
    /** Rows to insert per stored row from which a rebuild pays (measured: 25 % new rows cost twice as much rebuilt). */
    private static final double INSERTED_PER_STORED = 1.0;

    private Indexes() {
    }

    /** Drops the table's suspendable indexes when the rows about to be inserted call for a rebuild. */
    static Suspension suspendFor(Connection connection, String table, long rowsToInsert) throws SQLException {
        Suspension suspension = new Suspension();
        try (PreparedStatement q = connection.prepareStatement(
                "select 'drop index ' || i.relname, pg_get_indexdef(i.oid), greatest(t.reltuples, 0) from pg_index x "
                        + "join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid "
                        + "where t.relname = ? and t.relnamespace = current_schema()::regnamespace "
                        + "and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid) "
                        + "union all select 'alter table ' || t.relname || ' drop constraint ' || c.conname, "
                        + "'alter table ' || t.relname || ' add constraint ' || c.conname || ' ' || pg_get_constraintdef(c.oid), "
                        + "greatest(t.reltuples, 0) from pg_constraint c join pg_class t on t.oid = c.conrelid "
                        + "where t.relname = ? and t.relnamespace = current_schema()::regnamespace and c.contype = 'p' "
                        + "and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.confrelid = t.oid) order by 1")) {
            q.setString(1, table);
            q.setString(2, table);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    if (rowsToInsert > 0 && rowsToInsert >= INSERTED_PER_STORED * rs.getDouble(3)) {
                        suspension.plan(rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
        return suspension.dropAll(connection, "indexes of " + table);
    }
}
