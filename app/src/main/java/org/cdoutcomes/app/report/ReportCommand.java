package org.cdoutcomes.app.report;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cdoutcomes.analytics.AnalysisOptions;
import org.cdoutcomes.app.analyze.AnalysisProgress;
import org.cdoutcomes.app.analyze.AnalysisRequest;
import org.cdoutcomes.app.analyze.CohortOptions;
import org.cdoutcomes.app.cli.CdoContext;
import org.cdoutcomes.app.cli.DatabaseOptions;
import org.cdoutcomes.app.cli.OutputFile;
import org.cdoutcomes.app.cli.WhenStopped;
import org.cdoutcomes.model.text.Counted;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cdo report}: the quarterly Excel workbook of report.md from the stored data. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        headerHeading = "%n",
        header = "Writes the quarterly Excel report.",
        sortOptions = false,
        description = {
                "Writes the quarterly Excel report for the clinic: patients treated and",
                "cycles, time to onset and duration of relief, side effects per muscle",
                "group, dosing, data quality (rejected rows of the latest ingest of each",
                "file) and the methods used, with the previous four quarters as a trend.",
                "",
                "Small counts (1 to N-1) are shown as <N and what is derived from them as",
                "'suppressed'; N is --suppress-below, else the suppression-threshold",
                "setting, else 5. Each cell is judged alone, so a hidden count may follow",
                "from the totals beside it: share the workbook as an aggregate report, not",
                "as open data. It carries no patient identifier. For exact, unsuppressed",
                "numbers use cdo analyze.",
                "",
                "Default period: the latest full quarter, the latest one that ended before",
                "today and, with --as-of, by the data cutoff. Records dated after the cutoff",
                "are ignored. Prints where the report is.",
                ""},
        footer = {"",
                "Examples:",
                "  cdo report --out report.xlsx",
                "      the latest full quarter, all sites",
                "  cdo report --quarter 2026-Q2 --site north --out 2026-Q2-north.xlsx",
                "  cdo report --from 2026-01-01 --to 2026-06-30 --as-of 2026-07-15 \\",
                "             --suppress-below 10 --out first-half.xlsx",
                "",
                "Exit status: 0 done, 1 the report failed, 2 bad usage."})
public class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CohortOptions cohort;

    @Option(names = "--suppress-below", paramLabel = "N",
            description = "show counts from 1 to N-1 as <N; 0 turns suppression off "
                    + "(default: the suppression-threshold setting, else 5)")
    Integer suppressBelow;

    @Option(names = "--out", paramLabel = "FILE.xlsx", required = true,
            description = "where to write the workbook (replaced when it exists; its folder is created)")
    Path out;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() throws Exception {
        if (suppressBelow != null && suppressBelow < 0) {
            throw new ParameterException(spec.commandLine(), "--suppress-below expects a whole number, 0 (off) or more, but got " + suppressBelow);
        }
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
            throw new ParameterException(spec.commandLine(), "--out expects a file name ending in .xlsx (Excel opens it by its extension), but got " + out);
        }
        OutputFile.check(spec, "--out", out);
        AnalysisRequest request = cohort.request(spec.commandLine(), AnalysisOptions.DEFAULT_AE_WINDOW_DAYS,
                AnalysisOptions.DEFAULT_FOLLOW_UP_DAYS, false);
        AnalysisProgress progress = AnalysisProgress.onTerminal();
        ReportResult written;
        AtomicBoolean done = new AtomicBoolean();
        try (WhenStopped stopped = WhenStopped.writing("report", "report", out, progress::done, done::get);
             CdoContext cdo = CdoContext.open(database)) {
            ReportService reports = new ReportService(cdo.dataSource(), cdo.settings(), Clock.systemDefaultZone());
            written = reports.write(new ReportRequest(request, suppressBelow, out, null), progress);
            done.set(true);
            progress.done();
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "Report for %s (data as of %s): %s, %s%n", written.period(),
                written.analysis().cohort().asOf(), Counted.of(written.patients(), "patient"), Counted.of(written.cycles(), "cycle"));
        written.notes().forEach(stdout::println);
        stdout.println("Report written to " + out.toAbsolutePath().normalize());
        stdout.flush();
        return 0;
    }
}
