package org.cdoutcomes.db.history;

import java.math.BigDecimal;
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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGStatement;
import org.cdoutcomes.model.record.InjectedMuscle;
import org.cdoutcomes.model.record.PatientHistory;
import org.cdoutcomes.model.record.SymptomRecord;
import org.cdoutcomes.model.record.Visit;
import org.cdoutcomes.model.vocabulary.CodePointOrder;
import org.cdoutcomes.model.vocabulary.Guidance;
import org.cdoutcomes.model.vocabulary.Muscle;
import org.cdoutcomes.model.vocabulary.Product;
import org.cdoutcomes.model.vocabulary.Side;
import org.cdoutcomes.model.vocabulary.Source;
import org.cdoutcomes.model.vocabulary.SymptomKind;

/**
 * Streams every patient's stored history up to a data cutoff, one patient at a time, in patient id order.
 * The database sorts and filters; three server-side cursors (patients, dose charts, symptoms) are merged by
 * patient id, so memory holds one patient, not the clinic. Ids sort by code point (collation "C"), as analytics.md
 * orders visits of one day.
 */
public final class PatientHistoryReader {
    private static final int FETCH_SIZE = 5_000;
    private static final int BATCH_PATIENTS = 256;
    private static final int BATCHES_AHEAD = 8;
    /** After the last batch: reading is over (compared by identity). */
    private static final List<PatientHistory> END = new ArrayList<>();

    private static final String PATIENTS = """
            select patient_id, site_id from patient
            where exists (select 1 from visit v where v.patient_id = patient.patient_id and v.visit_date <= ?)
               or exists (select 1 from symptom s where s.patient_id = patient.patient_id and s.recorded_on <= ?)
            order by patient_id collate "C"
            """;
    private static final String DOSE_CHARTS = """
            select v.patient_id, v.visit_id, v.visit_date, v.product, v.site_id, m.muscle, m.side, m.dose_units, m.guidance
            from visit v join visit_muscle m on m.visit_id = v.visit_id
            where v.visit_date <= ?
            order by v.patient_id collate "C", v.visit_date, v.visit_id collate "C"
            """;
    private static final String SYMPTOMS = """
            select patient_id, record_id, recorded_on, kind, term, value, visit_id, source
            from symptom
            where recorded_on <= ?
            order by patient_id collate "C", recorded_on
            """;

    /*
     * The queries order only by patient and date, the least the server must sort; the rest of the order (muscles of
     * a visit, records of a day) is sorted here, per visit or per patient. (Indexes in that order spared the server's
     * sort but cost ingest more than they saved analyze: measured, not kept.)
     * Vocabulary ids are ASCII, so String order is code-point order for them.
     */
    private static final Comparator<InjectedMuscle> MUSCLE_ORDER = Comparator
            .comparing((InjectedMuscle m) -> m.muscle().id()).thenComparing(m -> m.side().id());
    private static final Comparator<SymptomRecord> SYMPTOM_ORDER = Comparator.comparing(SymptomRecord::recordedOn)
            .thenComparing(r -> r.kind().id())
            .thenComparing(SymptomRecord::term, Comparator.nullsLast(CodePointOrder.COMPARATOR))
            .thenComparing(SymptomRecord::recordId, Comparator.nullsLast(CodePointOrder.COMPARATOR));

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

    /**
     * Hands each patient with a visit or symptom on or before {@code asOf} to the consumer, in patient id order, on the
     * calling thread. The rows are read and decoded on a thread of its own meanwhile, so reading and consuming overlap;
     * at most {@link #BATCHES_AHEAD} batches of {@link #BATCH_PATIENTS} patients wait in memory.
     */
    public void forEach(LocalDate asOf, Consumer<PatientHistory> consumer) {
        BlockingQueue<List<PatientHistory>> batches = new ArrayBlockingQueue<>(BATCHES_AHEAD);
        Reading reading = new Reading(asOf, batches);
        Thread thread = new Thread(reading, "cdo-history-reader");
        thread.setDaemon(true);
        thread.start();
        try {
            for (List<PatientHistory> batch = take(batches); batch != END; batch = take(batches)) {
                batch.forEach(consumer);
            }
        } finally {
            thread.interrupt(); // a reader still running when the consumer failed stops at its next hand-over
            join(thread);
        }
        if (reading.failure instanceof RuntimeException e) {
            throw e;
        }
        if (reading.failure instanceof Error e) {
            throw e;
        }
    }

    /** The reading thread: batches of histories into the queue, then {@link #END} (also after a failure). */
    private final class Reading implements Runnable {
        private final LocalDate asOf;
        private final BlockingQueue<List<PatientHistory>> batches;
        private volatile Throwable failure;

        Reading(LocalDate asOf, BlockingQueue<List<PatientHistory>> batches) {
            this.asOf = asOf;
            this.batches = batches;
        }

        @Override
        public void run() {
            try {
                List<PatientHistory> batch = new ArrayList<>(BATCH_PATIENTS);
                read(asOf, history -> {
                    batch.add(history);
                    if (batch.size() == BATCH_PATIENTS) {
                        handOver(List.copyOf(batch));
                        batch.clear();
                    }
                });
                if (!batch.isEmpty()) {
                    handOver(List.copyOf(batch));
                }
                handOver(END);
            } catch (ConsumerGone e) {
                // the consumer failed and no longer takes: nothing to report
            } catch (RuntimeException | Error e) {
                failure = e; // an Error too: the consumer must not wait for an END that never comes
                try {
                    handOver(END);
                } catch (ConsumerGone ignored) {
                    // the consumer failed too: its own failure is the one reported
                }
            }
        }

        private void handOver(List<PatientHistory> batch) {
            try {
                batches.put(batch);
            } catch (InterruptedException e) {
                throw new ConsumerGone();
            }
        }
    }

    /** The reading thread was interrupted: the consumer stopped taking histories. */
    private static final class ConsumerGone extends RuntimeException {
        ConsumerGone() {
            super(null, null, false, false);
        }
    }

    private static List<PatientHistory> take(BlockingQueue<List<PatientHistory>> batches) {
        try {
            return batches.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading patient histories", e);
        }
    }

    private static void join(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void read(LocalDate asOf, Consumer<PatientHistory> consumer) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // cursors stream only inside a transaction
            c.setReadOnly(true);
            try (Statement settings = c.createStatement()) {
                // The sorted scans are costly enough to trigger PostgreSQL's JIT, whose compilation costs more than it
                // saves here: about 1 s of 6 on the dose charts of 100,000 patients (bench/analyze-bench.sh).
                settings.execute("set local jit = off");
            }
            try (PreparedStatement patients = cursor(c, PATIENTS, asOf, 2);
                 PreparedStatement charts = cursor(c, DOSE_CHARTS, asOf, 1);
                 PreparedStatement symptoms = cursor(c, SYMPTOMS, asOf, 1);
                 ResultSet p = patients.executeQuery();
                 ResultSet v = charts.executeQuery();
                 ResultSet s = symptoms.executeQuery()) {
                merge(p, v, s, consumer);
            } finally {
                c.commit();
                c.setReadOnly(false);
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read patient histories", e);
        }
    }

    private static PreparedStatement cursor(Connection c, String sql, LocalDate asOf, int dateParameters) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(FETCH_SIZE);
        // Binary transfer from the first execution on: dates and decimals decode without parsing text.
        statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
        for (int i = 1; i <= dateParameters; i++) {
            statement.setObject(i, asOf);
        }
        return statement;
    }

    private static void merge(ResultSet patients, ResultSet charts, ResultSet symptoms, Consumer<PatientHistory> consumer) throws SQLException {
        boolean moreCharts = charts.next();
        boolean moreSymptoms = symptoms.next();
        while (patients.next()) {
            String patientId = patients.getString(1);
            String patientSite = patients.getString(2);
            List<Visit> visits = new ArrayList<>();
            while (moreCharts && patientId.equals(charts.getString(1))) {
                moreCharts = readVisit(charts, visits);
            }
            List<SymptomRecord> records = new ArrayList<>();
            while (moreSymptoms && patientId.equals(symptoms.getString(1))) {
                records.add(symptom(symptoms));
                moreSymptoms = symptoms.next();
            }
            records.sort(SYMPTOM_ORDER);
            consumer.accept(new PatientHistory(patientId, patientSite, visits, records));
        }
    }

    /** Reads one visit's rows (it has at least one) and tells whether the cursor has more rows. */
    private static boolean readVisit(ResultSet rs, List<Visit> visits) throws SQLException {
        String patientId = rs.getString(1);
        String visitId = rs.getString(2);
        LocalDate date = rs.getObject(3, LocalDate.class);
        Product product = Product.VOCABULARY.byId(rs.getString(4));
        String site = rs.getString(5);
        List<InjectedMuscle> muscles = new ArrayList<>();
        boolean more;
        do {
            String guidance = rs.getString(9);
            muscles.add(new InjectedMuscle(Muscle.VOCABULARY.byId(rs.getString(6)), Side.VOCABULARY.byId(rs.getString(7)),
                    rs.getBigDecimal(8), guidance == null ? null : Guidance.VOCABULARY.byId(guidance)));
            more = rs.next();
        } while (more && visitId.equals(rs.getString(2)));
        muscles.sort(MUSCLE_ORDER);
        visits.add(new Visit(visitId, patientId, date, product, site, muscles));
        return more;
    }

    private static SymptomRecord symptom(ResultSet rs) throws SQLException {
        BigDecimal value = rs.getBigDecimal(6);
        String source = rs.getString(8);
        return new SymptomRecord(rs.getString(2), rs.getString(1), rs.getObject(3, LocalDate.class),
                SymptomKind.VOCABULARY.byId(rs.getString(4)), rs.getString(5), value, rs.getString(7),
                source == null ? null : Source.VOCABULARY.byId(source));
    }
}
