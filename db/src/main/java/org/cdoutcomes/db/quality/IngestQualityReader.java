package org.cdoutcomes.db.quality;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The ingest counts of the report's Data quality sheet: rejected rows and warnings by file and code. Each file counts
 * from its latest reading only (the latest run that read it, by real path), because that reading is what the
 * stored data reflect: ingesting the same dirty file again does not double its counts, and a corrected file's old
 * rejects disappear. A run in which the file could not be read does not replace its previous reading, since it
 * stored nothing from it. A file shows as it was named, unless another file was named the same (symptoms.csv of two
 * folders, each given as the folder): then both show their real paths.
 */
public final class IngestQualityReader {
    private static final String LATEST_READINGS = """
            with latest as (
                select distinct on (p.path) f.run_id, f.file, p.path
                from ingest_file f join ingest_stage_file p on p.run_id = f.run_id and p.file = f.file
                where f.status = 'INGESTED'
                order by p.path, f.run_id desc
            ), named as (
                select run_id, file, path,
                       case when count(*) over (partition by file) > 1 then path else file end as shown
                from latest
            )
            """;
    private static final String REJECTED = LATEST_READINGS + """
            select l.shown, r.code, count(*) from named l join ingest_reject r on r.run_id = l.run_id and r.file = l.file
            group by l.shown, l.path, r.code
            order by l.shown collate "C", l.path collate "C", r.code
            """;
    private static final String WARNINGS = LATEST_READINGS + """
            select l.shown, w.code, count(*) from named l join ingest_warning w on w.run_id = l.run_id and w.file = l.file
            group by l.shown, l.path, w.code
            order by l.shown collate "C", l.path collate "C", w.code
            """;

    private final DataSource dataSource;

    public IngestQualityReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Rows of one file (as it was named in its latest reading, else its real path) with one reject or warning code. */
    public record CodeCount(String file, String code, long rows) {
    }

    /** Both lists ordered by file, then code. */
    public record IngestQuality(List<CodeCount> rejectedRows, List<CodeCount> warnings) {
        public IngestQuality {
            rejectedRows = List.copyOf(rejectedRows);
            warnings = List.copyOf(warnings);
        }
    }

    public IngestQuality read() {
        try (Connection c = dataSource.getConnection()) {
            return new IngestQuality(counts(c, REJECTED), counts(c, WARNINGS));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the ingest counts of rejected rows and warnings", e);
        }
    }

    private static List<CodeCount> counts(Connection c, String sql) throws SQLException {
        List<CodeCount> counts = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                counts.add(new CodeCount(rs.getString(1), rs.getString(2), rs.getLong(3)));
            }
        }
        return counts;
    }
}
