package org.cdoutcomes.db.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.cdoutcomes.db.TestDatabases;
import org.cdoutcomes.model.record.PatientHistory;
import org.cdoutcomes.model.vocabulary.Muscle;
import org.cdoutcomes.model.vocabulary.Side;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PatientHistoryReaderIntegrationTests {
    private static DataSource db;

    @BeforeAll
    static void store() throws SQLException {
        db = TestDatabases.migrated("cdo_history");
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into patient (patient_id, site_id) values ('a-1', 'north'), ('B-2', null), ('c-3', null), ('only-late', null)");
            s.execute("""
                    insert into visit (visit_id, patient_id, visit_date, product, site_id) values
                      ('V2', 'a-1', '2025-01-10', 'onabotulinumtoxinA', null),
                      ('V10', 'a-1', '2025-01-10', 'abobotulinumtoxinA', 'south'),
                      ('V3', 'a-1', '2025-04-01', 'onabotulinumtoxinA', null),
                      ('W1', 'B-2', '2025-02-01', 'rimabotulinumtoxinB', null),
                      ('LATE', 'only-late', '2025-09-01', 'onabotulinumtoxinA', null)""");
            s.execute("""
                    insert into visit_muscle (visit_id, muscle, side, dose_units, guidance) values
                      ('V2', 'trapezius', 'left', 20, 'emg'), ('V2', 'sternocleidomastoid', 'right', 15.5, null),
                      ('V10', 'splenius_capitis', 'bilateral', 100, null), ('V3', 'trapezius', 'left', 25, null),
                      ('W1', 'levator_scapulae', 'left', 2500, null), ('LATE', 'trapezius', 'left', 20, null)""");
            s.execute("""
                    insert into symptom (record_id, patient_id, recorded_on, kind, term, value, visit_id, source) values
                      (null, 'a-1', '2025-01-15', 'relief_onset', null, null, 'V2', 'phone'),
                      ('R9', 'a-1', '2025-01-12', 'adverse_event', 'dysphagia', 2, null, null),
                      (null, 'c-3', '2025-03-01', 'score', 'twstrs_total', 41.5, null, 'clinician'),
                      (null, 'c-3', '2025-12-01', 'relief_onset', null, null, null, null)""");
        }
    }

    /** A session's site is its first visit's (V10 before V2 by code point), else the patient's, else main. */
    @Test
    void sitesAreThoseOfTheSessionsUpToTheCutoff() {
        PatientHistoryReader reader = new PatientHistoryReader(db);

        // a-1's 01-10 session: V10 at south first; V2 (no site: a-1's north) does not make north a session's site
        assertEquals(List.of("south"), reader.siteIds(LocalDate.parse("2025-01-31")));
        // then a-1's 04-01 visit (north) and B-2's (no site, patient none: main)
        assertEquals(List.of("main", "north", "south"), reader.siteIds(LocalDate.parse("2025-06-30")));
    }

    /** The total progress shows: the patients forEach hands over for the cutoff, not every stored one. */
    @Test
    void countsThePatientsWithAVisitOrARecordUpToTheCutoff() {
        PatientHistoryReader reader = new PatientHistoryReader(db);

        assertEquals(1, reader.patientCount(LocalDate.parse("2025-01-31")));
        assertEquals(3, reader.patientCount(LocalDate.parse("2025-06-30")));
        assertEquals(4, reader.patientCount(LocalDate.parse("2025-12-31")));
    }

    @Test
    void streamsPatientsInCodePointOrderWithTheirVisitsAndRecordsUpToTheCutoff() {
        List<PatientHistory> read = new ArrayList<>();
        new PatientHistoryReader(db).forEach(LocalDate.parse("2025-06-30"), read::add);

        assertEquals(List.of("B-2", "a-1", "c-3"), read.stream().map(PatientHistory::patientId).toList());
        PatientHistory a = read.get(1);
        assertEquals("north", a.patientSiteId());
        assertEquals(List.of("V10", "V2", "V3"), a.visits().stream().map(v -> v.visitId()).toList());
        assertEquals("south", a.visits().get(0).siteId());
        assertEquals(List.of(Muscle.STERNOCLEIDOMASTOID, Muscle.TRAPEZIUS),
                a.visits().get(1).muscles().stream().map(m -> m.muscle()).toList());
        assertEquals(0, new BigDecimal("15.5").compareTo(a.visits().get(1).muscles().get(0).doseUnits()));
        assertEquals(Side.RIGHT, a.visits().get(1).muscles().get(0).side());
        assertEquals(List.of(LocalDate.parse("2025-01-12"), LocalDate.parse("2025-01-15")),
                a.symptoms().stream().map(r -> r.recordedOn()).toList());
        assertEquals("V2", a.symptoms().get(1).visitId());
        assertEquals(0, read.get(0).symptoms().size());
        PatientHistory c = read.get(2);
        assertEquals(0, c.visits().size());
        assertEquals(1, c.symptoms().size(), "the December onset lies after the cutoff");
        assertNull(c.patientSiteId());
    }

    @Test
    void latestRecordDateSpansVisitsAndSymptoms() {
        assertEquals(LocalDate.parse("2025-12-01"), new PatientHistoryReader(db).latestRecordDate().orElseThrow());
    }

    @Test
    void manyPatientsComeInOrderAndAFailingConsumerStopsTheReadingWithItsOwnException() throws SQLException {
        // More patients than the reading thread may hold ahead (8 batches of 256), so it blocks on a full hand-over.
        DataSource many = TestDatabases.migrated("cdo_history_many");
        try (Connection c = many.getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into patient (patient_id) select 'P' || lpad(i::text, 5, '0') from generate_series(1, 3000) i");
            s.execute("""
                    insert into visit (visit_id, patient_id, visit_date, product)
                    select 'V' || i, 'P' || lpad(i::text, 5, '0'), date '2025-01-01' + i % 100, 'onabotulinumtoxinA'
                    from generate_series(1, 3000) i""");
            s.execute("insert into visit_muscle (visit_id, muscle, side, dose_units) select visit_id, 'trapezius', 'left', 20 from visit");
        }
        PatientHistoryReader reader = new PatientHistoryReader(many);
        List<String> read = new ArrayList<>();
        reader.forEach(LocalDate.parse("2025-12-31"), history -> read.add(history.patientId()));
        assertEquals(3000, read.size());
        assertEquals("P00001", read.get(0));
        assertEquals("P03000", read.get(2999));
        assertEquals(read.stream().sorted().toList(), read);

        IllegalArgumentException failure = new IllegalArgumentException("consumer failed");
        int[] seen = {0};
        RuntimeException thrown = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(RuntimeException.class,
                () -> reader.forEach(LocalDate.parse("2025-12-31"), history -> {
                    if (++seen[0] == 10) {
                        throw failure;
                    }
                })));
        assertSame(failure, thrown);
        assertEquals(10, seen[0]);
    }

    @Test
    void aFailureToReadReachesTheCaller() {
        PatientHistoryReader reader = new PatientHistoryReader(TestDatabases.fresh("cdo_history_unmigrated"));
        IllegalStateException thrown = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(IllegalStateException.class,
                () -> reader.forEach(LocalDate.parse("2025-12-31"), history -> { })));
        assertEquals("cannot read patient histories", thrown.getMessage());
    }
}
