package org.cdoutcomes.ingest.store;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Writes a run's reject report, {@code file,line,column,code,message}, ordered by file (code-point order) then line.
 * Written to a temporary sibling and moved into place, so a reader never sees half a report.
 */
public final class RejectReport {
    private RejectReport() {
    }

    public static long write(Connection connection, long runId, Path target) throws SQLException, IOException {
        Path absolute = target.toAbsolutePath();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        long rows = 0;
        try (PreparedStatement q = connection.prepareStatement("select file, line, column_name, code, message from ingest_reject "
                + "where run_id = ? order by file collate \"C\", line")) {
            q.setLong(1, runId);
            q.setFetchSize(10_000);
            try (ResultSet rs = q.executeQuery(); BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                out.write("file,line,column,code,message\n");
                while (rs.next()) {
                    out.write(csv(rs.getString(1)) + "," + rs.getLong(2) + "," + csv(rs.getString(3)) + "," + rs.getString(4) + ","
                            + csv(rs.getString(5)) + "\n");
                    rows++;
                }
            }
        }
        Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return rows;
    }

    static String csv(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
