package org.cdoutcomes.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cdoutcomes.ingest.read.RecordType;
import org.cdoutcomes.model.vocabulary.Limits;
import org.cdoutcomes.model.vocabulary.Product;

/**
 * Merges a run's staged rows into the records, set-based, in the caller's single transaction, serialised with every
 * other merge by a transaction-scoped advisory lock: a killed merge leaves nothing, and two runs of the same files
 * end as one (the second finds everything unchanged).
 *
 * <p>Counting, per accepted row: every row counts what happened to its record. Patients and symptoms: the last row
 * of an identity in reading order (files in run order, then lines) is what is stored, and each row of the identity is
 * {@code inserted} when nothing was stored, {@code unchanged} when the stored values equal that last row, else
 * {@code updated} (so ingesting the same files again counts every row unchanged). A visit's rows are its whole dose
 * chart, so each row of a visit takes the visit's outcome:
 * {@code inserted} (new visit), {@code unchanged} (same patient, date, product, site and the same summed chart),
 * else {@code updated}. Muscles removed by a corrected chart are counted in the file of the visit's first row.
 */
public final class RunMerger {
    /**
     * Key of the advisory lock that serialises merges into the schema's records (any constant; "cdo" in ASCII). Advisory
     * locks belong to the database: another schema (cdo demo --db's) mixes its name in, so its merges do not wait for ours.
     */
    static final long MERGE_LOCK = 0x63646fL;

    private static final List<String> RECORD_TABLES = List.of("patient", "visit", "visit_muscle", "symptom");

    private RunMerger() {
    }

    public static void merge(Connection connection, long runId) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("select pg_advisory_xact_lock(case when current_schema() = 'public' then " + MERGE_LOCK + " else "
                    + MERGE_LOCK + " # (hashtext(current_schema())::bigint << 24) end)");
            // The merge sorts and hashes whole runs: in memory rather than in temporary files (per sort, this transaction only).
            s.execute("set local work_mem = '128MB'");
            // and builds the indexes it rebuilds in one in-memory sort each.
            s.execute("set local maintenance_work_mem = '256MB'");
            // Its statements move many rows through few expressions: compiling them (the planner's choice for such costs)
            // took longer than it saved, about a second per run.
            s.execute("set local jit = off");
            if (alreadyMerged(connection, runId)) {
                return;
            }
            for (RecordType type : RecordType.values()) {
                s.execute(StagingTables.createSql(type, runId));
            }
            String sp = StagingTables.name(RecordType.PATIENTS, runId);
            String sv = StagingTables.name(RecordType.VISITS, runId);
            String ss = StagingTables.name(RecordType.SYMPTOMS, runId);
            String files = "ingest_stage_file f on f.run_id = " + runId + " and f.file_no = s.file_no";
            long visitRows = stagedRows(connection, runId, RecordType.VISITS);
            Statistics statistics = Statistics.before(connection, RECORD_TABLES);
            Suspension foreignKeys = ForeignKeys.suspendFor(connection, Map.of("visit", visitRows, "visit_muscle", visitRows,
                    "symptom", stagedRows(connection, runId, RecordType.SYMPTOMS)));
            s.execute("analyze " + sp + "; analyze " + sv + "; analyze " + ss);

            s.execute("insert into ingest_reject (run_id, file, line, column_name, code, message) "
                    + "select " + runId + ", f.file, s.line, s.reject_column, s.reject_code, s.reject_message from ("
                    + rejectsOf(sp) + " union all " + rejectsOf(sv) + " union all " + rejectsOf(ss) + ") s join " + files);

            // One pass over the accepted visit rows, per visit and file: what CONFLICTING_VISIT, the visits and the
            // per-file counts need (min and max compose, so the visit-level values come from these few rows).
            s.execute("create temp table m_visit_file on commit drop as select visit_id, file_no, count(*) n, min(line) first_line, "
                    + "min(patient_id) min_patient, max(patient_id) max_patient, min(visit_date) min_date, max(visit_date) max_date, "
                    + "min(product) min_product, max(product) max_product, min(site_id) min_site, max(site_id) max_site "
                    + "from " + sv + " where reject_code is null group by visit_id, file_no");
            // CONFLICTING_VISIT: rows that passed every other rule but disagree with another row of their visit. min <> max
            // is count(distinct) > 1 (sites: among the rows that give one) without a sort per visit. Each row names the
            // first of the visit's disagreeing columns in its file's order, which is the first it disagrees on itself
            // (every row differs from some other where a column takes two values), except site for a row without one:
            // that row names site only when the visit disagrees on nothing else.
            s.execute("create temp table m_conflict on commit drop as select visit_id, columns from (select visit_id, "
                    + "array_remove(array[case when min(min_patient) <> max(max_patient) then 'patient_id' end, "
                    + "case when min(min_date) <> max(max_date) then 'visit_date' end, "
                    + "case when min(min_product) <> max(max_product) then 'product' end, "
                    + "case when min(min_site) <> max(max_site) then 'site_id' end], null) as columns "
                    + "from m_visit_file group by visit_id) v where cardinality(columns) > 0");
            s.execute("insert into ingest_reject (run_id, file, line, column_name, code, message) "
                    + "select " + runId + ", f.file, s.line, d.col, 'CONFLICTING_VISIT', "
                    + "'Rows of this visit disagree on ' || d.col || ' (a visit''s rows must share patient, date, product and site); "
                    + "every row of the visit in this ingest was rejected.' "
                    + "from " + sv + " s join m_conflict c using (visit_id) join " + files + " cross join lateral ("
                    + "select col from unnest(c.columns) col order by (col = 'site_id' and s.site_id is null), "
                    + "coalesce(array_position(f.header, col), 100000 + "
                    + "array_position(" + sqlArray(RecordType.VISITS) + ", col)) limit 1) d where s.reject_code is null");

            mergePatients(s, sp, statistics);
            mergeVisits(connection, s, sv, ss, statistics);
            mergeSymptoms(connection, s, ss, statistics);
            s.execute("insert into ingest_warning (run_id, file, line, code, message) "
                    + "select " + runId + ", f.file, o.first_line, 'DOSE_ABOVE_USUAL_MAX', "
                    + "'The visit''s total dose of ' || o.product || ' (' || o.total || ' units) is above the usual maximum of ' "
                    + "|| o.usual_max || ' units; it was stored: check it.' "
                    + "from m_visit_outcome o join ingest_stage_file f on f.run_id = " + runId + " and f.file_no = o.first_file "
                    + "where o.total > o.usual_max");
            s.execute("insert into ingest_file (run_id, file, record_type, status, failure_reason, rows_read, inserted, updated, "
                    + "unchanged, rejected, warnings, muscles_removed) "
                    + "select f.run_id, f.file, f.record_type, case when f.status = 'FAILED' then 'FAILED' else 'INGESTED' end, "
                    + "f.failure, f.rows_read, coalesce(o.inserted, 0), coalesce(o.updated, 0), coalesce(o.unchanged, 0), "
                    + "(select count(*) from ingest_reject r where r.run_id = f.run_id and r.file = f.file), "
                    + "(select count(*) from ingest_warning w where w.run_id = f.run_id and w.file = f.file), "
                    + "coalesce((select sum(removed) from m_visit_outcome v where v.first_file = f.file_no), 0) "
                    + "from ingest_stage_file f left join (select file_no, sum(n) filter (where outcome = 'inserted') inserted, "
                    + "sum(n) filter (where outcome = 'updated') updated, sum(n) filter (where outcome = 'unchanged') unchanged "
                    + "from (select file_no, outcome, 1 n from m_patient union all "
                    + "select unnest(files), outcome, unnest(file_rows) from m_visit_outcome union all "
                    + "select file_no, outcome, 1 from m_symptom) u group by file_no) o using (file_no) "
                    + "where f.run_id = " + runId);
            foreignKeys.restore(connection);
            statistics.analyzeChanged(connection);
            s.execute("update ingest_stage_file set merged = true where run_id = " + runId);
            s.execute("drop table " + sp + ", " + sv + ", " + ss);
        }
    }

    private static boolean alreadyMerged(Connection connection, long runId) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement("select bool_or(merged) from ingest_stage_file where run_id = ?")) {
            q.setLong(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static long stagedRows(Connection connection, long runId, RecordType type) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement(
                "select coalesce(sum(rows_read), 0) from ingest_stage_file where run_id = ? and record_type = ? and status = 'STAGED'")) {
            q.setLong(1, runId);
            q.setString(2, type.id());
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String rejectsOf(String table) {
        return "select file_no, line, reject_column, reject_code, reject_message from " + table + " where reject_code is not null";
    }

    private static String sqlArray(RecordType type) {
        return type.columns().stream().map(c -> "'" + c + "'").collect(Collectors.joining(",", "array[", "]"));
    }

    private static void mergePatients(Statement s, String sp, Statistics statistics) throws SQLException {
        String values = "s.site_id, s.sex, s.birth_year, s.diagnosis_date, s.cd_pattern";
        // Every row of a patient counts what happened to the patient: its last row in the run (the first of the window,
        // which runs newest first) against the stored one.
        s.execute("create temp table m_patient on commit drop as select s.file_no, s.line, s.patient_id, " + values + ", "
                + "case when p.patient_id is null then 'inserted' when first_value((p.site_id, p.sex, p.birth_year, p.diagnosis_date, "
                + "p.cd_pattern) is not distinct from (" + values + ")) over w then 'unchanged' else 'updated' end as outcome, "
                + "row_number() over w = 1 as winner "
                + "from " + sp + " s left join patient p on p.patient_id = s.patient_id where s.reject_code is null "
                + "window w as (partition by s.patient_id order by s.file_no desc, s.line desc)");
        statistics.wrote("patient", s.executeUpdate("insert into patient (patient_id, site_id, sex, birth_year, diagnosis_date, cd_pattern) "
                + "select patient_id, site_id, sex, birth_year, diagnosis_date, cd_pattern from m_patient where winner "
                + "on conflict (patient_id) do update set site_id = excluded.site_id, sex = excluded.sex, "
                + "birth_year = excluded.birth_year, diagnosis_date = excluded.diagnosis_date, cd_pattern = excluded.cd_pattern "
                + "where (patient.site_id, patient.sex, patient.birth_year, patient.diagnosis_date, patient.cd_pattern) "
                + "is distinct from (excluded.site_id, excluded.sex, excluded.birth_year, excluded.diagnosis_date, excluded.cd_pattern)"));
    }

    /**
     * Visits, then their charts. New rows are plain inserts and changed ones updates: under the merge lock nothing else
     * writes the records, so what m_visit_outcome and m_chart found stored stays so (ON CONFLICT's speculative
     * insertion would cost twice as much per row). New rows go in in the order the analysis reads them (patient id by
     * code point, then date), so its index scans walk the table's pages in sequence, not at random (measured on
     * 100,000 patients: the dose-chart read took 3.7 s instead of 4.7 s).
     */
    private static void mergeVisits(Connection connection, Statement s, String sv, String ss, Statistics statistics) throws SQLException {
        // files and file_rows: the visit's rows per file, pairwise (both aggregates see the rows in one order), for the counts.
        s.execute("create temp table m_visit on commit drop as select visit_id, min(min_patient) patient_id, min(min_date) visit_date, "
                + "min(min_product) product, max(max_site) site_id, "
                + "(min(array[file_no, first_line]))[1]::integer first_file, (min(array[file_no, first_line]))[2] first_line, "
                + "array_agg(file_no) files, array_agg(n) file_rows "
                + "from m_visit_file v where not exists (select 1 from m_conflict c where c.visit_id = v.visit_id) group by visit_id");
        // A chart line is stored when its visit has that muscle and side, and same when its dose and guidance are too. Its
        // guidance is the last one its rows give; where they agree (nearly always) that is any of them, which plain
        // aggregates find, so only a line whose rows disagree is looked up again (an ordered aggregate sorted the rows of
        // every line: 1 s of 830,000 lines). Grouped by sorting, not hashing, and by patient and date too (a visit's
        // rows share them once conflicting visits are left out, so the groups are the same): the lines come out in the
        // order the chart insert wants, whose sort then finds them sorted and needs no join for patient and date (its
        // sort and join took 0.7 s of 830,000 lines, the sort alone 0.2 s); the planner, which expects a quarter of the
        // lines there are, would hash.
        s.execute("set local enable_hashagg = off");
        s.execute("create temp table m_chart on commit drop as select c.patient_id, c.visit_date, c.visit_id, c.muscle, c.side, "
                + "c.dose_units, c.guidance, c.mixed, "
                + "m.visit_id is not null stored, m.dose_units = c.dose_units and m.guidance is not distinct from c.guidance same "
                + "from (select patient_id, visit_date, visit_id, muscle, side, trim_scale(sum(dose_units)) dose_units, min(guidance) guidance, "
                + "min(guidance) <> max(guidance) mixed "
                + "from " + sv + " s where reject_code is null and not exists (select 1 from m_conflict c where c.visit_id = s.visit_id) "
                + "group by patient_id, visit_date, visit_id, muscle, side) c "
                + "left join visit_muscle m on m.visit_id = c.visit_id and m.muscle = c.muscle and m.side = c.side");
        s.execute("set local enable_hashagg = on");
        if (count(s, "select count(*) from m_chart where mixed") > 0) {
            s.execute("update m_chart c set guidance = l.guidance, same = c.stored and exists (select 1 from visit_muscle m "
                    + "where m.visit_id = c.visit_id and m.muscle = c.muscle and m.side = c.side and m.dose_units = c.dose_units "
                    + "and m.guidance = l.guidance) "
                    + "from (select distinct on (s.visit_id, s.muscle, s.side) s.visit_id, s.muscle, s.side, s.guidance from " + sv + " s "
                    + "join m_chart x on x.mixed and x.visit_id = s.visit_id and x.muscle = s.muscle and x.side = s.side "
                    + "where s.reject_code is null and s.guidance is not null "
                    + "order by s.visit_id, s.muscle, s.side, s.file_no desc, s.line desc) l "
                    + "where c.mixed and c.visit_id = l.visit_id and c.muscle = l.muscle and c.side = l.side");
        }
        s.execute("analyze m_visit; analyze m_chart");
        String usualMax = Stream.of(Product.values())
                .map(p -> "('" + p.id() + "', " + p.usualMaxVisitUnits().toPlainString() + ")")
                .collect(Collectors.joining(", ", "(values ", ")"));
        // Stored chart lines of the run's visits that their new charts no longer have: counted, then deleted.
        s.execute("create temp table m_removed on commit drop as select m.visit_id, m.muscle, m.side from visit_muscle m "
                + "join m_visit h using (visit_id) "
                + "where not exists (select 1 from m_chart c where c.visit_id = m.visit_id and c.muscle = m.muscle and c.side = m.side)");
        s.execute("create temp table m_visit_outcome on commit drop as "
                + "with total as (select visit_id, sum(dose_units) total, bool_and(stored and same) chart_same from m_chart group by visit_id), "
                + "removed as (select visit_id, count(*) n from m_removed group by visit_id) "
                + "select h.visit_id, h.patient_id, h.visit_date, h.product, h.site_id, h.first_file, h.first_line, h.files, h.file_rows, "
                + "t.total, u.usual_max, "
                + "coalesce(r.n, 0) removed, v.visit_id is not null stored, (v.patient_id, v.visit_date, v.product, v.site_id) "
                + "is not distinct from (h.patient_id, h.visit_date, h.product, h.site_id) same, "
                + "case when v.visit_id is null then 'inserted' when (v.patient_id, v.visit_date, v.product, v.site_id) "
                + "is not distinct from (h.patient_id, h.visit_date, h.product, h.site_id) and r.n is null and t.chart_same "
                + "then 'unchanged' else 'updated' end outcome "
                + "from m_visit h join total t using (visit_id) join " + usualMax + " u(product, usual_max) on u.product = h.product "
                + "left join visit v on v.visit_id = h.visit_id left join removed r on r.visit_id = h.visit_id");
        // Patients named only by visits or symptoms are created with site main and every other field absent.
        statistics.wrote("patient", s.executeUpdate("insert into patient (patient_id, site_id) select patient_id, '" + Limits.DEFAULT_SITE
                + "' from (select patient_id from m_visit union select patient_id from " + ss + " where reject_code is null) n "
                + "on conflict do nothing"));

        Suspension visitIndexes = Indexes.suspendFor(connection, "visit", count(s, "select count(*) from m_visit_outcome where not stored"));
        statistics.wrote("visit", s.executeUpdate("update visit v set patient_id = o.patient_id, visit_date = o.visit_date, "
                + "product = o.product, site_id = o.site_id from m_visit_outcome o where o.stored and not o.same and v.visit_id = o.visit_id"));
        statistics.wrote("visit", s.executeUpdate("insert into visit (visit_id, patient_id, visit_date, product, site_id) "
                + "select visit_id, patient_id, visit_date, product, site_id from m_visit_outcome where not stored "
                + "order by patient_id collate \"C\", visit_date, visit_id collate \"C\""));
        visitIndexes.restore(connection);
        statistics.wrote("visit_muscle", s.executeUpdate("delete from visit_muscle m using m_removed r "
                + "where m.visit_id = r.visit_id and m.muscle = r.muscle and m.side = r.side"));
        statistics.wrote("visit_muscle", s.executeUpdate("update visit_muscle m set dose_units = c.dose_units, guidance = c.guidance "
                + "from m_chart c where c.stored and not c.same and m.visit_id = c.visit_id and m.muscle = c.muscle and m.side = c.side"));
        Suspension chartIndexes = Indexes.suspendFor(connection, "visit_muscle", count(s, "select count(*) from m_chart where not stored"));
        statistics.wrote("visit_muscle", s.executeUpdate("insert into visit_muscle (visit_id, muscle, side, dose_units, guidance) "
                + "select visit_id, muscle, side, dose_units, guidance from m_chart where not stored order by patient_id, visit_date, visit_id"));
        chartIndexes.restore(connection);
    }

    private static void mergeSymptoms(Connection connection, Statement s, String ss, Statistics statistics) throws SQLException {
        String values = "patient_id, recorded_on, kind, term, value, visit_id, source";
        String sValues = prefixed("s.", values);
        String tValues = prefixed("t.", values);
        String stored = "t.symptom_id, (" + tValues + ") is not distinct from (" + sValues + ") as same";
        // stored_id: the stored row of the identity (null: none); same: this row equals it. Every row of an identity counts
        // what happened to its record: inserted, else its last row in the run against the stored row. The window runs
        // newest row first, so that row is the first: one window with its default frame (a second one, for the last
        // row's values, cost 0.5 s on 1,000,000 rows).
        s.execute("create temp table m_symptom on commit drop as select x.file_no, x.line, x.record_id, " + prefixed("x.", values) + ", "
                + "x.symptom_id stored_id, x.same, "
                + "case when x.symptom_id is null then 'inserted' when first_value(x.same) over w then 'unchanged' else 'updated' end "
                + "as outcome, row_number() over w = 1 as winner "
                + "from (select s.*, " + stored + " from " + ss + " s left join symptom t on t.record_id = s.record_id "
                + "where s.reject_code is null and s.record_id is not null union all "
                + "select s.*, " + stored + " from " + ss + " s left join symptom t on t.record_id is null "
                + "and t.patient_id = s.patient_id and t.recorded_on = s.recorded_on and t.kind = s.kind "
                + "and coalesce(t.term, '') = coalesce(s.term, '') where s.reject_code is null and s.record_id is null) x "
                + "window w as (partition by " + identity("x.") + " order by x.file_no desc, x.line desc)");
        // The last row of an identity is stored: an update of the stored row when it differs (an identity's columns are
        // equal to the stored ones, so setting them too changes nothing), else an insert.
        String set = Stream.of(values.split(", ")).map(c -> c + " = m." + c).collect(Collectors.joining(", "));
        statistics.wrote("symptom", s.executeUpdate("update symptom t set " + set + " from m_symptom m "
                + "where m.winner and m.stored_id is not null and not m.same and t.symptom_id = m.stored_id"));
        Suspension indexes = Indexes.suspendFor(connection, "symptom",
                count(s, "select count(*) from m_symptom where winner and stored_id is null"));
        statistics.wrote("symptom", s.executeUpdate("insert into symptom (record_id, " + values + ") select record_id, " + values
                + " from m_symptom where winner and stored_id is null order by patient_id collate \"C\", recorded_on"));
        indexes.restore(connection);
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A symptom's identity: its record_id when given, else (patient, date, kind, term). */
    private static String identity(String p) {
        return p + "record_id, case when " + p + "record_id is null then " + p + "patient_id end, "
                + "case when " + p + "record_id is null then " + p + "recorded_on end, "
                + "case when " + p + "record_id is null then " + p + "kind end, "
                + "case when " + p + "record_id is null then coalesce(" + p + "term, '') end";
    }

    private static String prefixed(String prefix, String columns) {
        return Stream.of(columns.split(", ")).map(c -> prefix + c).collect(Collectors.joining(", "));
    }
}
