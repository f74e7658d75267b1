package org.cdoutcomes.ingest.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.cdoutcomes.ingest.read.InputDiscovery;
import org.cdoutcomes.ingest.read.PlannedInput;
import org.cdoutcomes.ingest.read.RecordType;
import org.springframework.jdbc.core.JdbcTemplate;

/** The bookkeeping of ingest runs: a new run with its planned inputs, the next file to stage, and what each file reported. */
public final class IngestRuns {
    private final JdbcTemplate jdbc;

    public IngestRuns(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A per-file line of a run's result; record type null when the file failed before revealing it. {@code badDates}:
     * of the rejected rows, those rejected as BAD_DATE (most of a file's rows so suggest another date format).
     */
    public record FileResult(String file, String recordType, boolean failed, String failure, long read, long inserted,
                             long updated, long unchanged, long rejected, long warnings, long musclesRemoved, long badDates) {
    }

    /** Creates a run and its inputs (in one transaction: the caller's or its own). */
    public long create(List<PlannedInput> inputs) {
        Long runId = jdbc.queryForObject("select nextval('ingest_run_seq')", Long.class);
        jdbc.update("insert into ingest_run (run_id) values (?)", runId);
        int fileNo = 0;
        for (PlannedInput input : inputs) {
            jdbc.update("insert into ingest_stage_file (run_id, file_no, file, path, record_type, status, failure) "
                            + "values (?, ?, ?, ?, ?, ?, ?)",
                    // the real path: a later run that names the file otherwise (./clinic, a link) supersedes this one
                    runId, ++fileNo, input.file(), InputDiscovery.realPath(input.path()).toString(),
                    input.typeByName().map(RecordType::id).orElse(null),
                    "PLANNED", input.failure());
        }
        return runId;
    }

    /** The first file of the run not staged yet, in reading order. */
    public Optional<FileStager.StageFile> nextToStage(long runId) {
        return jdbc.query("select file_no, file, path, record_type, failure from ingest_stage_file where run_id = ? and status = 'PLANNED' "
                        + "order by file_no limit 1",
                (rs, i) -> new FileStager.StageFile(runId, rs.getInt(1), rs.getString(2), Path.of(rs.getString(3)),
                        Optional.ofNullable(rs.getString(4)).map(RecordType::byId), rs.getString(5)),
                runId).stream().findFirst();
    }

    public void executionStarted(long runId, long jobExecutionId) {
        jdbc.update("update ingest_run set job_execution_id = ?, status = 'STARTED', finished_at = null where run_id = ?",
                jobExecutionId, runId);
    }

    public void executionEnded(long runId, String status) {
        jdbc.update("update ingest_run set status = ?, finished_at = now() where run_id = ?", status, runId);
    }

    /** An earlier run that a later one made pointless: see {@link #supersededBy}. */
    public record Superseded(long runId, long jobExecutionId) {
    }

    /**
     * The earlier runs of the ingest job that never finished (killed, failed or stopped, before their merge or after it,
     * in their reject report's step) and have no file, by real path (links resolved), that run {@code runId} did not take
     * up again: each file they staged it staged too (one it could not read is no replacement), and each they had yet to
     * read it read or tried: restarting one would only put its older rows back, or write a reject report of rows read
     * again since. Runs of other jobs (the pipeline's) are not looked at: those may be running.
     */
    public List<Superseded> supersededBy(long runId, String jobName) {
        return jdbc.query("select r.run_id, r.job_execution_id from ingest_run r "
                        + "join batch_job_execution e on e.job_execution_id = r.job_execution_id "
                        + "join batch_job_instance i on i.job_instance_id = e.job_instance_id "
                        + "where r.run_id < ? and i.job_name = ? and e.status not in ('COMPLETED', 'ABANDONED') "
                        + "and not exists (select 1 from ingest_stage_file f where f.run_id = r.run_id and f.status <> 'FAILED' "
                        + "and not exists (select 1 from ingest_stage_file g where g.run_id = ? and g.path = f.path "
                        + "and (g.status = 'STAGED' or f.status = 'PLANNED'))) order by r.run_id",
                (rs, i) -> new Superseded(rs.getLong(1), rs.getLong(2)), runId, jobName, runId);
    }

    /** Drops what the run staged (it will never be merged) and records it abandoned. */
    public void retire(long runId) {
        for (RecordType type : RecordType.values()) {
            jdbc.execute("drop table if exists " + StagingTables.name(type, runId));
        }
        executionEnded(runId, "ABANDONED");
    }

    /** The rows of the run's staged files, which its merge takes. */
    public long stagedRows(long runId) {
        return jdbc.queryForObject("select coalesce(sum(rows_read), 0) from ingest_stage_file where run_id = ? and status = 'STAGED'",
                Long.class, runId);
    }

    public List<FileResult> results(long runId) {
        return jdbc.query("select f.file, f.record_type, f.status = 'FAILED', f.failure_reason, f.rows_read, f.inserted, f.updated, "
                        + "f.unchanged, f.rejected, f.warnings, f.muscles_removed, (select count(*) from ingest_reject r "
                        + "where r.run_id = f.run_id and r.file = f.file and r.code = 'BAD_DATE') from ingest_file f "
                        + "join ingest_stage_file p on p.run_id = f.run_id and p.file = f.file where f.run_id = ? order by p.file_no",
                (rs, i) -> new FileResult(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12)),
                runId);
    }
}
