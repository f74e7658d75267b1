package org.cdoutcomes.db.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.cdoutcomes.db.TestDatabases;
import org.cdoutcomes.db.quality.IngestQualityReader.CodeCount;
import org.cdoutcomes.db.quality.IngestQualityReader.IngestQuality;
import org.junit.jupiter.api.Test;

class IngestQualityReaderIntegrationTests {
    @Test
    void countsEachFileFromItsLatestReadingOnly() throws SQLException {
        // run 1 reads a dirty visits file and a patients file with an unknown column
        DataSource db = recorded(
                "insert into ingest_run (run_id, status) values (1, 'COMPLETED'), (2, 'COMPLETED'), (3, 'COMPLETED')",
                """
                    insert into ingest_stage_file (run_id, file_no, file, path, record_type, status, merged) values
                      (1, 1, 'visits.csv', '/clinic/visits.csv', 'visits', 'STAGED', true),
                      (1, 2, 'patients.csv', '/clinic/patients.csv', 'patients', 'STAGED', true),
                      (2, 1, './visits.csv', '/clinic/visits.csv', 'visits', 'STAGED', true),
                      (2, 2, 'symptoms.csv', '/clinic/symptoms.csv', 'symptoms', 'STAGED', true),
                      (3, 1, 'visits.csv', '/clinic/visits.csv', null, 'FAILED', true)""",
                """
                    insert into ingest_file (run_id, file, record_type, status, rejected, warnings) values
                      (1, 'visits.csv', 'visits', 'INGESTED', 3, 1),
                      (1, 'patients.csv', 'patients', 'INGESTED', 0, 1),
                      (2, './visits.csv', 'visits', 'INGESTED', 1, 0),
                      (2, 'symptoms.csv', 'symptoms', 'INGESTED', 1, 0),
                      (3, 'visits.csv', null, 'FAILED', 0, 0)""",
                """
                    insert into ingest_reject (run_id, file, line, column_name, code, message) values
                      (1, 'visits.csv', 2, 'visit_date', 'BAD_DATE', 'm'),
                      (1, 'visits.csv', 3, 'visit_date', 'BAD_DATE', 'm'),
                      (1, 'visits.csv', 4, 'product', 'UNKNOWN_CODE', 'm'),
                      (2, './visits.csv', 3, 'visit_date', 'BAD_DATE', 'm'),
                      (2, 'symptoms.csv', 7, 'kind', 'MISSING_FIELD', 'm')""",
                """
                    insert into ingest_warning (run_id, file, line, code, message) values
                      (1, 'visits.csv', 5, 'DOSE_ABOVE_USUAL_MAX', 'm'),
                      (1, 'patients.csv', 1, 'UNKNOWN_COLUMN', 'm')""");

        IngestQuality quality = new IngestQualityReader(db).read();

        // visits: run 2 is its latest reading (run 3 could not read it); patients: only run 1 read it
        assertEquals(List.of(new CodeCount("./visits.csv", "BAD_DATE", 1), new CodeCount("symptoms.csv", "MISSING_FIELD", 1)),
                quality.rejectedRows());
        assertEquals(List.of(new CodeCount("patients.csv", "UNKNOWN_COLUMN", 1)), quality.warnings());
    }

    /** Two files named alike (each folder given on its own) are told apart by their real paths. */
    @Test
    void filesOfOneNameShowTheirRealPaths() throws SQLException {
        DataSource db = recorded(
                "insert into ingest_run (run_id, status) values (1, 'COMPLETED'), (2, 'COMPLETED')",
                """
                    insert into ingest_stage_file (run_id, file_no, file, path, record_type, status, merged) values
                      (1, 1, 'symptoms.csv', '/exports/march/symptoms.csv', 'symptoms', 'STAGED', true),
                      (1, 2, 'visits.csv', '/exports/march/visits.csv', 'visits', 'STAGED', true),
                      (2, 1, 'symptoms.csv', '/exports/april/symptoms.csv', 'symptoms', 'STAGED', true)""",
                """
                    insert into ingest_file (run_id, file, record_type, status, rejected, warnings) values
                      (1, 'symptoms.csv', 'symptoms', 'INGESTED', 1, 0),
                      (1, 'visits.csv', 'visits', 'INGESTED', 1, 0),
                      (2, 'symptoms.csv', 'symptoms', 'INGESTED', 2, 0)""",
                """
                    insert into ingest_reject (run_id, file, line, column_name, code, message) values
                      (1, 'symptoms.csv', 2, 'kind', 'UNKNOWN_CODE', 'm'),
                      (1, 'visits.csv', 2, 'product', 'UNKNOWN_CODE', 'm'),
                      (2, 'symptoms.csv', 2, 'kind', 'UNKNOWN_CODE', 'm'),
                      (2, 'symptoms.csv', 3, 'recorded_on', 'BAD_DATE', 'm')""");

        IngestQuality quality = new IngestQualityReader(db).read();

        assertEquals(List.of(new CodeCount("/exports/april/symptoms.csv", "BAD_DATE", 1),
                new CodeCount("/exports/april/symptoms.csv", "UNKNOWN_CODE", 1),
                new CodeCount("/exports/march/symptoms.csv", "UNKNOWN_CODE", 1),
                new CodeCount("visits.csv", "UNKNOWN_CODE", 1)), quality.rejectedRows());
    }

    @Test
    void nothingIngestedGivesNoCounts() {
        IngestQuality quality = new IngestQualityReader(TestDatabases.migrated("cdo_quality")).read();

        assertEquals(List.of(), quality.rejectedRows());
        assertEquals(List.of(), quality.warnings());
    }

    /** A fresh database holding the ingest runs, files, rejects and warnings the statements record. */
    private static DataSource recorded(String... statements) throws SQLException {
        DataSource db = TestDatabases.migrated("cdo_quality");
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
        return db;
    }
}
