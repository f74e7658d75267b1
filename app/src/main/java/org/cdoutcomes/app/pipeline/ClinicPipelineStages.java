package org.cdoutcomes.app.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.cdoutcomes.app.cli.CdoSettings;
import org.cdoutcomes.app.report.ReportRequest;
import org.cdoutcomes.app.report.ReportResult;
import org.cdoutcomes.app.report.ReportService;
import org.cdoutcomes.ingest.IngestProgress;
import org.cdoutcomes.ingest.read.InputDiscovery;
import org.cdoutcomes.ingest.store.FileStager;
import org.cdoutcomes.ingest.store.IngestRuns;
import org.cdoutcomes.ingest.store.RejectReport;
import org.cdoutcomes.ingest.store.RunMerger;
import org.cdoutcomes.ingest.validate.DateParser;
import org.cdoutcomes.model.text.Counted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The scheduled jobs' work over the clinic's database: ingest as the ingest module does it (stage each file, merge,
 * reject report) and the quarterly report of {@code cdo report}.
 *
 * <p>The ingest runs entirely in the transaction of the pipeline's ingest step, which also records the step's end
 * and its outcome: a run killed or failed anywhere inside it leaves nothing (no ingest run, no record), and its restart
 * ingests once. That is why it does not start the ingest job itself, whose steps commit file by file.
 */
public class ClinicPipelineStages implements PipelineStages {
    private static final Logger LOG = LoggerFactory.getLogger(ClinicPipelineStages.class);

    private final DataSource dataSource;
    private final CdoSettings settings;
    private final IngestRuns runs;

    public ClinicPipelineStages(DataSource dataSource, CdoSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.runs = new IngestRuns(new JdbcTemplate(dataSource));
    }

    @Override
    public IngestOutcome ingest(String runId, LocalDate runDate, List<Path> files, Path rejectsFile) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("the pipeline ingests in its step's transaction, and none is active");
        }
        long ingestRun = runs.create(InputDiscovery.expand(files.stream().map(Path::toString).toList()));
        Connection connection = DataSourceUtils.getConnection(dataSource);
        FileStager stager = new FileStager(DateParser.iso(), runDate, IngestProgress.QUIET);
        try {
            for (Optional<FileStager.StageFile> next = runs.nextToStage(ingestRun); next.isPresent(); next = runs.nextToStage(ingestRun)) {
                stager.stage(connection, next.get());
            }
            RunMerger.merge(connection, ingestRun);
            RejectReport.write(connection, ingestRun, rejectsFile);
        } catch (SQLException e) {
            throw new IllegalStateException("ingest of run " + runId + " failed: " + e.getSQLState(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reject report of run " + runId, e);
        }
        runs.executionEnded(ingestRun, "COMPLETED");
        return new IngestOutcome(runs.results(ingestRun).stream()
                .map(f -> f.failed() ? FileOutcome.failed(Path.of(f.file()), f.failure())
                        : FileOutcome.read(Path.of(f.file()), f.read(), f.inserted(), f.updated(), f.unchanged(), f.rejected(), f.warnings(),
                                f.musclesRemoved()))
                .toList());
    }

    @Override
    public ReportOutcome analyzeAndReport(String runId, LocalDateTime runTime, Path folder) {
        // The run's time, on a restart too, so that a restarted run writes the outputs the run would have written
        ZoneId zone = ZoneId.systemDefault();
        ReportService reports = new ReportService(dataSource, settings, Clock.fixed(runTime.atZone(zone).toInstant(), zone));
        try {
            ReportResult written = reports.write(ReportRequest.quarterInFolder(reports.defaultQuarter(null), folder), patients -> { });
            // what cdo report prints beside an empty or surprising report, for the reader of the run's log
            written.notes().forEach(note -> LOG.warn("Run {}: the report of {} has {}. {}", runId,
                    written.period(), Counted.of(written.cycles(), "cycle"), note));
            return new ReportOutcome(written.period(), written.patients(), written.cycles());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report of run " + runId, e);
        }
    }
}
