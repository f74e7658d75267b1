package org.cdoutcomes.app.report;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.cdoutcomes.analytics.Analysis;
import org.cdoutcomes.analytics.AnalysisOptions;
import org.cdoutcomes.analytics.Quarter;
import org.cdoutcomes.app.CdoVersion;
import org.cdoutcomes.app.analyze.AnalysisRequest;
import org.cdoutcomes.app.analyze.AnalysisService;
import org.cdoutcomes.app.analyze.PatientsRead;
import org.cdoutcomes.app.cli.CdoSettings;
import org.cdoutcomes.app.cli.OutputFile;
import org.cdoutcomes.db.quality.IngestQualityReader;
import org.cdoutcomes.db.quality.IngestQualityReader.CodeCount;
import org.cdoutcomes.reporting.QuarterlyReportWriter;
import org.cdoutcomes.reporting.ReportContext;
import org.cdoutcomes.reporting.ReportContext.IngestCount;

/**
 * The quarterly report of the stored data: one analysis pass, the ingest data-quality counts, the workbook (and,
 * when asked, the analysis JSON). Used by {@code cdo report}, {@code cdo demo} and the scheduled pipeline.
 *
 * <pre>{@code
 * ReportService reports = new ReportService(dataSource, settings, Clock.systemDefaultZone());
 * ReportResult written = reports.write(ReportRequest.quarterInFolder(reports.defaultQuarter(null), folder), progress);
 * }</pre>
 */
public final class ReportService {
    private final DataSource dataSource;
    private final CdoSettings settings;
    private final Clock clock;
    private final AnalysisService analyses;

    /** @param clock what "today" is (the default quarter) and the run time shown on the report */
    public ReportService(DataSource dataSource, CdoSettings settings, Clock clock) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.clock = clock;
        this.analyses = new AnalysisService(dataSource, settings.muscleGroups(), clock);
    }

    /**
     * The period of a report when none is given: the latest full quarter, that ended before today and by the data cutoff
     * given ({@code asOf}, or null).
     */
    public Quarter defaultQuarter(LocalDate asOf) {
        return Quarter.latestFull(LocalDate.now(clock), asOf);
    }

    /**
     * Analyses and writes the files of the request; each file is written to a temporary sibling and moved into place.
     *
     * @param patientsRead told how many patients there are to read, then how many were read, after each one (progress)
     */
    public ReportResult write(ReportRequest request, PatientsRead patientsRead) throws IOException {
        AnalysisRequest asked = request.analysis();
        if (!asked.hasClosedPeriod() && (asked.from() != null || asked.to() != null)) {
            throw new IllegalArgumentException("a report covers a whole period: give both from and to, or a quarter");
        }
        AnalysisRequest cohort = asked.hasClosedPeriod() ? asked : asked.withQuarter(defaultQuarter(asked.asOf()));
        AnalysisOptions options = analyses.options(cohort);
        Analysis analysis = analyses.analyze(options, patientsRead);
        // what a reader may not expect from the options (why the period is empty, say): on the Summary and printed
        List<String> notes = analyses.notes(analysis.result().cohort(), options.sites());
        ReportContext context = context(options, request.suppressBelow() != null ? request.suppressBelow()
                : settings.suppressionThreshold(), notes);
        OutputFile.replace(request.workbook(), out -> QuarterlyReportWriter.write(context, analysis.result(), analysis.figures(), out));
        if (request.analysisJson() != null) {
            AnalysisService.writeJson(analysis.result(), request.analysisJson());
        }
        return new ReportResult(options.periodLabel(), request.workbook(), request.analysisJson(), analysis.result(), notes);
    }

    private ReportContext context(AnalysisOptions options, int suppressBelow, List<String> notes) {
        IngestQualityReader.IngestQuality quality = new IngestQualityReader(dataSource).read();
        return new ReportContext(settings.clinicName(), List.copyOf(new TreeSet<>(options.sites())),
                options.periodLabel(), options.from(), options.to(), options.asOf(), LocalDateTime.now(clock),
                suppressBelow, options.aeWindowDays(), options.followUpDays(), options.firstCycleOnly(),
                settings.muscleGroupOverrides(), CdoVersion.version(),
                counts(quality.rejectedRows()), counts(quality.warnings()), notes);
    }

    private static List<IngestCount> counts(List<CodeCount> counts) {
        return counts.stream().map(c -> new IngestCount(c.file(), c.code(), c.rows())).toList();
    }
}
