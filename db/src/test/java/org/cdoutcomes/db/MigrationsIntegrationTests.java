package org.cdoutcomes.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class MigrationsIntegrationTests {

    @Test
    void emptyDatabaseReachesLatestSchemaWithVocabulariesFromCode() throws SQLException {
        DataSource db = TestDatabases.migrated("cdo_migrations");
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            assertEquals(5, count(s, "select count(*) from product"));
            assertEquals(13, count(s, "select count(*) from muscle"));
            assertEquals(16, count(s, "select count(*) from symptom_term"));
            assertEquals(0, count(s, "select count(*) from batch_job_instance"));
        }
    }

    /**
     * A migration and its history row commit together, so a kill between them cannot leave a migration applied but
     * unrecorded: the history row of each of V1, V2 and V3 was written by the transaction that created a table of
     * that migration (the xmin of the table's row type, which no later migration rewrites).
     */
    @Test
    void eachMigrationIsRecordedByTheTransactionThatAppliedIt() throws SQLException {
        DataSource db = TestDatabases.migrated("cdo_migration_atomic");
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select h.version, h.xmin::text, t.xmin::text from flyway_schema_history h "
                     + "join (values ('1', 'product'), ('2', 'batch_job_instance'), ('3', 'ingest_stage_file')) m(version, created) "
                     + "using (version) join pg_type t on t.typname = m.created and t.typnamespace = current_schema()::regnamespace "
                     + "order by h.version")) {
            int migrations = 0;
            while (rs.next()) {
                migrations++;
                assertEquals(rs.getString(3), rs.getString(2), "V" + rs.getString(1) + "'s history row and its tables");
            }
            assertEquals(3, migrations);
        }
    }

    @Test
    void databaseRefusesDuplicateIdentitiesAndUnknownCodes() throws SQLException {
        DataSource db = TestDatabases.migrated("cdo_identity");
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into patient (patient_id) values ('CD-000001')");
            assertThrows(SQLException.class, () -> s.execute("insert into patient (patient_id) values ('CD-000001')"));
            s.execute("insert into visit (visit_id, patient_id, visit_date, product) values ('V1', 'CD-000001', '2025-01-02', 'onabotulinumtoxinA')");
            assertThrows(SQLException.class, () -> s.execute(
                    "insert into visit (visit_id, patient_id, visit_date, product) values ('V1', 'CD-000001', '2025-02-02', 'onabotulinumtoxinA')"));
            assertThrows(SQLException.class, () -> s.execute(
                    "insert into visit (visit_id, patient_id, visit_date, product) values ('V2', 'CD-000001', '2025-02-02', 'Botox')"));
            s.execute("insert into visit_muscle (visit_id, muscle, side, dose_units) values ('V1', 'trapezius', 'left', 20)");
            assertThrows(SQLException.class, () -> s.execute(
                    "insert into visit_muscle (visit_id, muscle, side, dose_units) values ('V1', 'trapezius', 'left', 30)"));
            s.execute("insert into symptom (record_id, patient_id, recorded_on, kind) values ('R1', 'CD-000001', '2025-01-05', 'relief_onset')");
            assertThrows(SQLException.class, () -> s.execute(
                    "insert into symptom (record_id, patient_id, recorded_on, kind) values ('R1', 'CD-000001', '2025-01-06', 'relief_onset')"));
            s.execute("insert into symptom (patient_id, recorded_on, kind, term) values ('CD-000001', '2025-01-07', 'adverse_event', 'dysphagia')");
            assertThrows(SQLException.class, () -> s.execute(
                    "insert into symptom (patient_id, recorded_on, kind, term) values ('CD-000001', '2025-01-07', 'adverse_event', 'dysphagia')"));
            s.execute("insert into symptom (patient_id, recorded_on, kind) values ('CD-000001', '2025-01-08', 'relief_onset')");
            assertThrows(SQLException.class, () -> s.execute(
                    "insert into symptom (patient_id, recorded_on, kind) values ('CD-000001', '2025-01-08', 'relief_onset')"));
            assertThrows(SQLException.class, () -> s.execute(
                    "insert into symptom (patient_id, recorded_on, kind, term, value) values ('CD-000001', '2025-01-08', 'score', 'dysphagia', 3)"));
        }
    }

    /** Every vocabulary column refuses a code its enum does not have (here aliases, which ingest turns into ids). */
    @Test
    void databaseRefusesUnknownCodesInEveryVocabularyColumn() throws SQLException {
        DataSource db = TestDatabases.migrated("cdo_vocabulary");
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into patient (patient_id, sex, cd_pattern) values ('P1', 'F', 'laterocollis')");
            assertThrows(SQLException.class, () -> s.execute("insert into patient (patient_id, sex) values ('P2', 'female')"));
            assertThrows(SQLException.class, () -> s.execute("insert into patient (patient_id, cd_pattern) values ('P2', 'tilt')"));
            s.execute("insert into visit (visit_id, patient_id, visit_date, product) values ('V1', 'P1', '2025-01-02', 'rimabotulinumtoxinB')");
            assertThrows(SQLException.class, () -> s.execute(
                    "insert into visit (visit_id, patient_id, visit_date, product) values ('V2', 'P1', '2025-01-02', 'Myobloc')"));
            s.execute("insert into visit_muscle (visit_id, muscle, side, dose_units, guidance) values ('V1', 'longus_colli', 'bilateral', 5, 'emg')");
            assertThrows(SQLException.class, () -> s.execute(
                    "insert into visit_muscle (visit_id, muscle, side, dose_units) values ('V1', 'SCM', 'left', 5)"));
            assertThrows(SQLException.class, () -> s.execute(
                    "insert into visit_muscle (visit_id, muscle, side, dose_units) values ('V1', 'trapezius', 'L', 5)"));
            assertThrows(SQLException.class, () -> s.execute(
                    "insert into visit_muscle (visit_id, muscle, side, dose_units, guidance) values ('V1', 'trapezius', 'left', 5, 'EMG')"));
            s.execute("insert into symptom (patient_id, recorded_on, kind, term, value, source) "
                    + "values ('P1', '2025-01-05', 'score', 'pain_nrs', 4, 'phone')");
            assertThrows(SQLException.class, () -> s.execute(
                    "insert into symptom (patient_id, recorded_on, kind) values ('P1', '2025-01-05', 'relief')"));
            assertThrows(SQLException.class, () -> s.execute(
                    "insert into symptom (patient_id, recorded_on, kind, source) values ('P1', '2025-01-06', 'relief_onset', 'email')"));
            assertThrows(SQLException.class, () -> s.execute(
                    "insert into symptom (patient_id, recorded_on, kind, term) values ('P1', '2025-01-06', 'adverse_event', 'hoarseness')"));
        }
    }

    @Test
    void recordsNeedTheirPatientAndChartLinesTheirVisit() throws SQLException {
        DataSource db = TestDatabases.migrated("cdo_references");
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            assertThrows(SQLException.class, () -> s.execute(
                    "insert into visit (visit_id, patient_id, visit_date, product) values ('V1', 'P9', '2025-01-02', 'onabotulinumtoxinA')"));
            assertThrows(SQLException.class, () -> s.execute(
                    "insert into symptom (patient_id, recorded_on, kind) values ('P9', '2025-01-05', 'relief_onset')"));
            assertThrows(SQLException.class, () -> s.execute(
                    "insert into visit_muscle (visit_id, muscle, side, dose_units) values ('V9', 'trapezius', 'left', 5)"));
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
