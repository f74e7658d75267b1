package org.cdoutcomes.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Planner statistics of the record tables, kept current by the merge: the servers run without autovacuum, and the
 * analysis reader needs them to read in patient order by index. A table never analyzed is analyzed before the merge
 * (cheap while it is small, and its row count then steers the merge's foreign-key and index choices); a table whose
 * rows written since its last analysis, this merge's included, reach a tenth of its rows is analyzed at the end of
 * the merge, in its transaction (ANALYZE samples the transaction's own rows, and the statistics commit with them).
 */
final class Statistics {
    private static final double CHANGED_PER_STORED = 0.1;

    private record Table(double rows, long modifiedSinceAnalyze) {
    }

    private final Map<String, Table> tables = new HashMap<>();
    private final Map<String, Long> written = new HashMap<>();

    private Statistics() {
    }

    static Statistics before(Connection connection, List<String> names) throws SQLException {
        Statistics statistics = new Statistics();
        try (PreparedStatement q = connection.prepareStatement("select relname, reltuples, pg_stat_get_mod_since_analyze(oid) "
                + "from pg_class where relname = any (?) and relnamespace = current_schema()::regnamespace");
             Statement s = connection.createStatement()) {
            q.setArray(1, connection.createArrayOf("text", names.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    statistics.tables.put(rs.getString(1), new Table(rs.getDouble(2), rs.getLong(3)));
                }
            }
            for (Map.Entry<String, Table> table : statistics.tables.entrySet()) {
                if (table.getValue().rows() < 0) {
                    s.execute("analyze " + table.getKey());
                    table.setValue(new Table(analyzedRows(connection, table.getKey()), 0));
                }
            }
        }
        return statistics;
    }

    private static double analyzedRows(Connection connection, String table) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement(
                "select reltuples from pg_class where relname = ? and relnamespace = current_schema()::regnamespace")) {
            q.setString(1, table);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }

    /** Counts rows inserted, updated or deleted in a table. */
    void wrote(String table, long rows) {
        written.merge(table, rows, Long::sum);
    }

    /** Analyzes the tables changed by at least a tenth of their rows since their last analysis. */
    void analyzeChanged(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (Map.Entry<String, Table> table : tables.entrySet()) {
                long changed = table.getValue().modifiedSinceAnalyze() + written.getOrDefault(table.getKey(), 0L);
                if (changed > 0 && changed >= CHANGED_PER_STORED * table.getValue().rows()) {
                    s.execute("analyze " + table.getKey());
                }
            }
        }
    }
}
