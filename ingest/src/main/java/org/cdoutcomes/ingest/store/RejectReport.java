package org.cdoutcomes.ingest.store;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.cdoutcomes.model.files.OutputFiles;

/**
 * Writes a run's reject report, {@code file,line,column,code,message}, ordered by file (code-point order) then line.
 * Written as {@link OutputFiles} writes, so a reader never sees half a report.
 */
public final class RejectReport {
    private RejectReport() {
    }

    public static long write(Connection connection, long runId, Path target) throws SQLException, IOException {
        long[] rows = {0};
        try (PreparedStatement q = connection.prepareStatement("select file, line, column_name, code, message from ingest_reject "
                + "where run_id = ? order by file collate \"C\", line")) {
            q.setLong(1, runId);
            q.setFetchSize(10_000);
            try (ResultSet rs = q.executeQuery()) {
                OutputFiles.write(target, file -> file.resolveSibling(file.getFileName() + ".partial"), stream -> {
                    Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
                    out.write("file,line,column,code,message\n");
                    try {
                        while (rs.next()) {
                            out.write(csv(rs.getString(1)) + "," + rs.getLong(2) + "," + csv(rs.getString(3)) + "," + rs.getString(4)
                                    + "," + csv(rs.getString(5)) + "\n");
                            rows[0]++;
                        }
                    } catch (SQLException e) {
                        throw new IOException("cannot read the rejects of run " + runId, e);
                    }
                    out.flush();
                });
            }
        }
        return rows[0];
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
