package org.cdoutcomes.db.history;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.cdoutcomes.model.record.InjectedMuscle;
import org.cdoutcomes.model.record.PatientHistory;
import org.cdoutcomes.model.record.SymptomRecord;
import org.cdoutcomes.model.record.Visit;
import org.cdoutcomes.model.vocabulary.AdverseEventTerm;
import org.cdoutcomes.model.vocabulary.CodePointOrder;
import org.cdoutcomes.model.vocabulary.Guidance;
import org.cdoutcomes.model.vocabulary.Limits;
import org.cdoutcomes.model.vocabulary.Muscle;
import org.cdoutcomes.model.vocabulary.Product;
import org.cdoutcomes.model.vocabulary.ScoreTerm;
import org.cdoutcomes.model.vocabulary.Side;
import org.cdoutcomes.model.vocabulary.Source;
import org.cdoutcomes.model.vocabulary.SymptomKind;

/**
 * Streams every patient's stored history up to a data cutoff, one patient at a time, in patient id order.
 * The database filters and orders: three queries (patients, dose charts, symptoms) in patient id order, by code
 * point (collation "C", the order of indexes made for them: the rows stream as scanned, no sort waits for a whole
 * table), are merged by patient id, so memory holds a few hundred patients, not the clinic. Each query streams as a
 * binary COPY on its own connection and thread, so the server produces all three while the rows are decoded and the
 * histories consumed; the three transactions share one snapshot, so they see the same data even while an ingest
 * commits.
 */
public final class PatientHistoryReader {
    private static final int BATCH_PATIENTS = 256;
    private static final int BATCHES_AHEAD = 2;

    /** Every patient: those without a row in the other two queries are passed over while merging. */
    private static final String PATIENTS = """
            select patient_id, site_id from patient order by patient_id collate "C"
            """;
    private static final String DOSE_CHARTS = """
            select v.patient_id, v.visit_id, v.visit_date, v.product, v.site_id, m.muscle, m.side, m.dose_units, m.guidance
            from visit v join visit_muscle m on m.visit_id = v.visit_id
            where v.visit_date <= date '%s'
            order by v.patient_id collate "C", v.visit_date, v.visit_id collate "C"
            """;
    private static final String SYMPTOMS = """
            select patient_id, record_id, recorded_on, kind, term, value, visit_id, source
            from symptom
            where recorded_on <= date '%s'
            order by patient_id collate "C", recorded_on
            """;

    /*
     * The queries order by what the indexes give; the rest of the order (muscles of a visit, records of a day) is
     * sorted here, per visit or per patient. Vocabulary ids are ASCII, so String order is code-point order for them.
     */
    private static final Comparator<InjectedMuscle> MUSCLE_ORDER = Comparator
            .comparing((InjectedMuscle m) -> m.muscle().id()).thenComparing(m -> m.side().id());
    /** The query gives this order already: sorting only checks it, in one pass. */
    private static final Comparator<Visit> VISIT_ORDER = Comparator.comparing(Visit::visitDate)
            .thenComparing(Visit::visitId, CodePointOrder.COMPARATOR);
    private static final Comparator<SymptomRecord> SYMPTOM_ORDER = Comparator.comparing(SymptomRecord::recordedOn)
            .thenComparing(r -> r.kind().id())
            .thenComparing(SymptomRecord::term, Comparator.nullsLast(CodePointOrder.COMPARATOR))
            .thenComparing(SymptomRecord::recordId, Comparator.nullsLast(CodePointOrder.COMPARATOR));

    private static final StoredIds<Product> PRODUCTS = StoredIds.of(Product.VOCABULARY);
    private static final StoredIds<Muscle> MUSCLES = StoredIds.of(Muscle.VOCABULARY);
    private static final StoredIds<Side> SIDES = StoredIds.of(Side.VOCABULARY);
    private static final StoredIds<Guidance> GUIDANCE = StoredIds.of(Guidance.VOCABULARY);
    private static final StoredIds<SymptomKind> KINDS = StoredIds.of(SymptomKind.VOCABULARY);
    private static final StoredIds<Source> SOURCES = StoredIds.of(Source.VOCABULARY);
    private static final StoredIds<String> TERMS = StoredIds.idsOf("symptom term", AdverseEventTerm.VOCABULARY, ScoreTerm.VOCABULARY);

    /** One patient's rows of one query. */
    private record Rows<T>(String patientId, List<T> items) {
    }

    private final DataSource dataSource;

    public PatientHistoryReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The latest visit or symptom date stored: the default data cutoff. Empty when nothing is stored. */
    public Optional<LocalDate> latestRecordDate() {
        String sql = "select greatest((select max(visit_date) from visit), (select max(recorded_on) from symptom))";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            Date latest = rs.getDate(1);
            return Optional.ofNullable(latest).map(Date::toLocalDate);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the latest record date", e);
        }
    }

    /** How many patients {@link #forEach} hands over for that cutoff: those with a visit or a symptom record up to it. */
    public long patientCount(LocalDate asOf) {
        String sql = "select count(*) from patient p where exists (select 1 from visit v where v.patient_id = p.patient_id "
                + "and v.visit_date <= ?) or exists (select 1 from symptom s where s.patient_id = p.patient_id and s.recorded_on <= ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, asOf);
            s.setObject(2, asOf);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the patients", e);
        }
    }

    /**
     * The sites of the sessions on or before {@code asOf} (a session's site is its first visit's, by visit id, else its
     * patient's, else main), in code-point order: what a {@code --site} that kept no cycle could have named.
     */
    public List<String> siteIds(LocalDate asOf) {
        String sql = "select distinct site from (select distinct on (v.patient_id, v.visit_date) "
                + "coalesce(v.site_id, p.site_id, '" + Limits.DEFAULT_SITE + "') collate \"C\" site "
                + "from visit v join patient p using (patient_id) where v.visit_date <= ? "
                + "order by v.patient_id, v.visit_date, v.visit_id collate \"C\") s order by 1";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, asOf);
            List<String> sites = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sites.add(rs.getString(1));
                }
            }
            return sites;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the sites", e);
        }
    }

    /**
     * Hands each patient with a visit or symptom on or before {@code asOf} to the consumer, in patient id order, on the
     * calling thread, while the next patients are read on other threads.
     */
    public void forEach(LocalDate asOf, Consumer<PatientHistory> consumer) {
        try (Feed<PatientHistory> histories = new Feed<>("cdo-history-reader", BATCH_PATIENTS, BATCHES_AHEAD, sink -> read(asOf, sink))) {
            for (PatientHistory history = histories.next(); history != null; history = histories.next()) {
                consumer.accept(history);
            }
        }
    }

    private void read(LocalDate asOf, Consumer<PatientHistory> sink) {
        try (Connection p = dataSource.getConnection(); Connection v = dataSource.getConnection(); Connection s = dataSource.getConnection()) {
            String snapshot = begin(p, null);
            begin(v, snapshot);
            begin(s, snapshot);
            try (Feed<Rows<Visit>> charts = new Feed<>("cdo-history-charts", BATCH_PATIENTS, BATCHES_AHEAD,
                    rows -> readByPatient(v, DOSE_CHARTS.formatted(asOf), PatientHistoryReader::readVisit, VISIT_ORDER, rows));
                 Feed<Rows<SymptomRecord>> symptoms = new Feed<>("cdo-history-symptoms", BATCH_PATIENTS, BATCHES_AHEAD,
                         rows -> readByPatient(s, SYMPTOMS.formatted(asOf), PatientHistoryReader::readSymptom, SYMPTOM_ORDER, rows));
                 BinaryCopy patients = new BinaryCopy(p, PATIENTS)) {
                merge(patients, charts, symptoms, sink);
            } finally {
                for (Connection c : List.of(p, v, s)) {
                    end(c);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read patient histories", e);
        }
    }

    /**
     * Starts a read-only transaction that sees {@code snapshot} (null: a new one, which is exported and returned).
     * The snapshot is shared only by transactions of repeatable read.
     */
    private static String begin(Connection c, String snapshot) throws SQLException {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
        try (Statement settings = c.createStatement()) {
            if (snapshot != null) {
                settings.execute("set transaction snapshot '" + snapshot + "'");
            }
            // Rows in index order stream at once; a sort would first read a whole table (and, without statistics,
            // the planner may prefer one). JIT compiles for longer than these scans run.
            settings.execute("set local enable_sort = off; set local jit = off; set local max_parallel_workers_per_gather = 0");
            if (snapshot == null) {
                try (ResultSet rs = settings.executeQuery("select pg_export_snapshot()")) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        }
        return snapshot;
    }

    /** Ends the read-only transaction: a rollback, which also succeeds after a failed or cancelled COPY. */
    private static void end(Connection c) throws SQLException {
        c.rollback();
        c.setReadOnly(false);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        c.setAutoCommit(true);
    }

    /**
     * Patients in order, each with the rows of the two feeds that name it (they come in the same order);
     * a patient with neither visits nor records up to the cutoff is not handed on.
     */
    private static void merge(BinaryCopy patients, Feed<Rows<Visit>> charts, Feed<Rows<SymptomRecord>> symptoms,
                              Consumer<PatientHistory> sink) throws SQLException {
        Rows<Visit> visits = charts.next();
        Rows<SymptomRecord> records = symptoms.next();
        while (patients.next()) {
            String patientId = patients.text(0);
            List<Visit> patientVisits = List.of();
            if (visits != null && visits.patientId().equals(patientId)) {
                patientVisits = visits.items();
                visits = charts.next();
            }
            List<SymptomRecord> patientRecords = List.of();
            if (records != null && records.patientId().equals(patientId)) {
                patientRecords = records.items();
                records = symptoms.next();
            }
            if (!patientVisits.isEmpty() || !patientRecords.isEmpty()) {
                sink.accept(new PatientHistory(patientId, patients.text(1), patientVisits, patientRecords));
            }
        }
        if (visits != null || records != null) {
            // Only a patient missing from the patients query, or queries in different orders, leave rows unread.
            throw new IllegalStateException("patient histories were read out of order");
        }
    }

    /** Reads one item of a patient (from one row or more) into the list and tells whether the stream has more rows. */
    private interface ItemReader<T> {
        boolean read(BinaryCopy rows, String patientId, List<T> items) throws SQLException;
    }

    /*
     * Rows of one patient (and of one visit) are told apart by the id's bytes in the stream: no String is decoded per
     * row for the comparison, and the patient's id String is shared by all its records.
     */
    private static <T> void readByPatient(Connection c, String query, ItemReader<T> reader, Comparator<T> order,
                                          Consumer<Rows<T>> sink) throws SQLException {
        try (BinaryCopy rows = new BinaryCopy(c, query)) {
            boolean more = rows.next();
            while (more) {
                String patientId = rows.text(0);
                byte[] patient = rows.bytes(0);
                List<T> items = new ArrayList<>();
                do {
                    more = reader.read(rows, patientId, items);
                } while (more && rows.bytesEqual(0, patient));
                items.sort(order);
                sink.accept(new Rows<>(patientId, items));
            }
        }
    }

    private static boolean readSymptom(BinaryCopy rows, String patientId, List<SymptomRecord> records) throws SQLException {
        records.add(new SymptomRecord(rows.text(1), patientId, rows.date(2), rows.id(3, KINDS), rows.id(4, TERMS),
                rows.numeric(5), rows.text(6), rows.id(7, SOURCES)));
        return rows.next();
    }

    /** Reads one visit's rows (it has at least one) and tells whether the stream has more rows. */
    private static boolean readVisit(BinaryCopy rows, String patientId, List<Visit> visits) throws SQLException {
        String visitId = rows.text(1);
        byte[] visit = rows.bytes(1);
        LocalDate date = rows.date(2);
        Product product = rows.id(3, PRODUCTS);
        String site = rows.text(4);
        List<InjectedMuscle> muscles = new ArrayList<>();
        boolean more;
        do {
            muscles.add(new InjectedMuscle(rows.id(5, MUSCLES), rows.id(6, SIDES), rows.numeric(7), rows.id(8, GUIDANCE)));
            more = rows.next();
        } while (more && rows.bytesEqual(1, visit));
        muscles.sort(MUSCLE_ORDER);
        visits.add(new Visit(visitId, patientId, date, product, site, muscles));
        return more;
    }
}
