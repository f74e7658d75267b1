package org.cdoutcomes.ingest.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.cdoutcomes.ingest.IngestProgress;
import org.cdoutcomes.ingest.read.Header;
import org.cdoutcomes.ingest.read.InputFile;
import org.cdoutcomes.ingest.read.InputFiles;
import org.cdoutcomes.ingest.read.RecordType;
import org.cdoutcomes.ingest.read.RowSink;
import org.cdoutcomes.ingest.read.SourceRow;
import org.cdoutcomes.ingest.read.UnreadableFileException;
import org.cdoutcomes.ingest.validate.DateParser;
import org.cdoutcomes.ingest.validate.RowValidator;
import org.postgresql.PGConnection;

/**
 * Stages one file in the caller's transaction: reads it row by row, validates each row, and streams rows and
 * rejects into the run's staging table with COPY, then marks the file STAGED. A file that turns out unreadable
 * (at its header or half-way, e.g. a byte that is not UTF-8) is rolled back to a savepoint and marked FAILED, so
 * nothing from it is kept. Memory stays bounded whatever the file's size.
 */
public final class FileStager {
    private static final long PROGRESS_EVERY = 1 << 16;

    private final DateParser dates;
    private final LocalDate today;
    private final IngestProgress progress;

    public FileStager(DateParser dates, LocalDate today, IngestProgress progress) {
        this.dates = dates;
        this.today = today;
        this.progress = progress;
    }

    /** A planned file of a run as stored in ingest_stage_file. */
    public record StageFile(long runId, int fileNo, String file, Path path, Optional<RecordType> typeByName, String knownFailure) {
    }

    /** @return the rows staged (read and kept, blank rows aside); 0 for a file that turned out unreadable */
    public long stage(Connection connection, StageFile file) throws SQLException {
        if (file.knownFailure() != null) {
            // found unreadable before the run (a folder without exports, a missing file): no reading to show
            markFailed(connection, file, file.typeByName().orElse(null), file.knownFailure());
            return 0;
        }
        progress.reading(file.file(), 0, 0, false);
        Savepoint savepoint = connection.setSavepoint();
        Staging staging = new Staging(connection, file);
        long staged;
        // no share of the file for one that could not be read to its end
        double shareRead = 1;
        try {
            InputFile input = InputFiles.open(file.path());
            staging.input = input;
            input.read(staging);
            if (staging.header == null) {
                throw new UnreadableFileException("it has no header line");
            }
            staging.finish();
            connection.releaseSavepoint(savepoint);
            staged = staging.rows;
        } catch (RowFailure e) {
            staging.cancel();
            connection.rollback(savepoint);
            throw (SQLException) e.getCause();
        } catch (UnreadableFileException | IOException e) {
            staging.cancel();
            connection.rollback(savepoint);
            markFailed(connection, file, staging.header == null ? file.typeByName().orElse(null) : staging.header.type(), reason(e));
            staged = 0;
            shareRead = Double.NaN;
        }
        progress.reading(file.file(), staging.rows, shareRead, true);
        return staged;
    }

    private static String reason(Exception e) {
        if (e instanceof UnreadableFileException) {
            return e.getMessage();
        }
        if (e instanceof NoSuchFileException) {
            return "it does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "it cannot be read (permission denied)";
        }
        return "it could not be read (" + e.getClass().getSimpleName() + ")";
    }

    private static void markFailed(Connection connection, StageFile file, RecordType type, String reason) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update ingest_stage_file set status = 'FAILED', failure = ?, record_type = ? where run_id = ? and file_no = ?")) {
            update.setString(1, reason);
            update.setString(2, type == null ? null : type.id());
            update.setLong(3, file.runId());
            update.setInt(4, file.fileNo());
            update.executeUpdate();
        }
    }

    /** An SQL failure while streaming rows: not the file's fault, so it fails the step (and the run can restart). */
    private static final class RowFailure extends RuntimeException {
        RowFailure(SQLException cause) {
            super(cause);
        }
    }

    private final class Staging implements RowSink {
        private final Connection connection;
        private final StageFile file;
        private InputFile input;
        private Header header;
        private long headerLine;
        private RowValidator validator;
        private CopyStream copy;
        private long rows;
        private Object[] meta;

        Staging(Connection connection, StageFile file) {
            this.connection = connection;
            this.file = file;
        }

        @Override
        public void header(long line, List<String> names) {
            header = Header.match(names, file.typeByName());
            headerLine = line;
            validator = new RowValidator(header, dates, today);
            meta = new Object[StagingTables.META_COLUMNS.size()];
            meta[0] = file.fileNo();
            try {
                try (var create = connection.createStatement()) {
                    create.execute(StagingTables.createSql(header.type(), file.runId()));
                }
                copy = CopyStream.open(connection.unwrap(PGConnection.class).getCopyAPI(),
                        StagingTables.copySql(header.type(), file.runId()));
            } catch (SQLException e) {
                throw new RowFailure(e);
            }
        }

        @Override
        public void row(SourceRow row) {
            if (row.blank()) {
                return;
            }
            rows++;
            RowValidator.Checked checked = validator.check(row);
            meta[1] = row.line();
            if (checked.reject() != null) {
                meta[2] = checked.reject().code().name();
                meta[3] = checked.reject().column();
                meta[4] = checked.reject().message();
            } else {
                meta[2] = null;
                meta[3] = null;
                meta[4] = null;
            }
            try {
                copy.row(meta, checked.values() != null ? checked.values() : new String[header.type().columns().size()]);
            } catch (SQLException e) {
                throw new RowFailure(e);
            }
            if (rows % PROGRESS_EVERY == 0) {
                progress.reading(file.file(), rows, input.shareRead(), false);
            }
        }

        void finish() throws SQLException {
            copy.end();
            copy = null;
            if (!header.unknownColumns().isEmpty()) {
                try (PreparedStatement warn = connection.prepareStatement(
                        "insert into ingest_warning (run_id, file, line, code, message) values (?, ?, ?, 'UNKNOWN_COLUMN', ?)")) {
                    warn.setLong(1, file.runId());
                    warn.setString(2, file.file());
                    warn.setLong(3, headerLine);
                    warn.setString(4, "The header has " + (header.unknownColumns().size() == 1 ? "a column" : "columns")
                            + " this file type does not use (" + String.join(", ", header.unknownColumns()) + "); "
                            + (header.unknownColumns().size() == 1 ? "it was" : "they were") + " ignored.");
                    warn.executeUpdate();
                }
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "update ingest_stage_file set status = 'STAGED', record_type = ?, header = ?, rows_read = ? where run_id = ? and file_no = ?")) {
                Array names = connection.createArrayOf("text", header.names().toArray());
                update.setString(1, header.type().id());
                update.setArray(2, names);
                update.setLong(3, rows);
                update.setLong(4, file.runId());
                update.setInt(5, file.fileNo());
                update.executeUpdate();
            }
        }

        void cancel() {
            if (copy != null) {
                copy.cancel();
            }
        }
    }
}
