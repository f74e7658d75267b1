package org.cdoutcomes.app.analyze;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cdoutcomes.analytics.Analysis;
import org.cdoutcomes.analytics.AnalysisOptions;
import org.cdoutcomes.analytics.output.AnalysisSummary;
import org.cdoutcomes.app.cli.CdoContext;
import org.cdoutcomes.app.cli.DatabaseOptions;
import org.cdoutcomes.app.cli.OutputFile;
import org.cdoutcomes.app.cli.WhenStopped;
import org.cdoutcomes.model.files.OutputFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cdo analyze}: the analysis of analytics.md over the stored data, written as JSON for researchers. */
@Command(name = "analyze",
        mixinStandardHelpOptions = true,
        headerHeading = "%n",
        header = "Analyses the stored data and writes the analysis JSON for researchers.",
        sortOptions = false,
        description = {
                "Analyses the stored injection cycles and writes the result as JSON",
                "(schema cdo.analysis/1) for researchers: time to onset and duration of",
                "relief (Kaplan-Meier per product and muscle group, log-rank across",
                "products), side-effect rates per muscle group (Wilson interval, relative",
                "risk, Fisher exact test) and data-quality notes. Numbers are unrounded and",
                "never suppressed; the Excel report (cdo report) is for reading.",
                "",
                "Each injection session of a patient starts a treatment cycle, which ends",
                "at the next one. --quarter or --from/--to choose the cycles by injection",
                "date; records dated after the data cutoff (--as-of) are ignored; the",
                "data-quality notes count every record up to the cutoff, whatever the",
                "other options.",
                "",
                "Prints a short summary and where the JSON is.",
                ""},
        footer = {"",
                "Examples:",
                "  cdo analyze --json analysis.json",
                "      every cycle up to the latest stored date",
                "  cdo analyze --quarter 2026-Q3 --json 2026-Q3.json",
                "  cdo analyze --from 2025-01-01 --to 2025-12-31 --as-of 2026-02-01 \\",
                "              --site north --site south --json 2025.json",
                "      the cycles injected in 2025 at two sites, with the data known on",
                "      2026-02-01 (a later run gives the same numbers)",
                "  cdo analyze --first-cycle-only --ae-window-days 14 --json first.json",
                "      one cycle per patient, side effects within 14 days of injection",
                "",
                "Exit status: 0 done, 1 the analysis failed, 2 bad usage."})
public class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CohortOptions cohort;

    @Option(names = "--ae-window-days", paramLabel = "N", defaultValue = "" + AnalysisOptions.DEFAULT_AE_WINDOW_DAYS,
            description = "days after an injection in which an adverse event counts as its side effect (default: ${DEFAULT-VALUE})")
    int aeWindowDays;

    @Option(names = "--follow-up-days", paramLabel = "N", defaultValue = "" + AnalysisOptions.DEFAULT_FOLLOW_UP_DAYS,
            description = "a patient whose last injection is older than this is lost to follow-up: followed until the "
                    + "last contact rather than the cutoff (default: ${DEFAULT-VALUE})")
    int followUpDays;

    @Option(names = "--first-cycle-only",
            description = "keep only each patient's earliest cycle among those the other options keep (independent observations)")
    boolean firstCycleOnly;

    @Option(names = "--json", paramLabel = "FILE", required = true,
            description = "where to write the analysis (replaced when it exists; its folder is created; /dev/stdout writes it to standard output)")
    Path json;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() throws Exception {
        AnalysisRequest request = request();
        OutputFile.check(spec, "--json", json);
        AnalysisProgress progress = AnalysisProgress.onTerminal();
        Analysis analysis;
        List<String> notes;
        AtomicBoolean written = new AtomicBoolean();
        try (WhenStopped stopped = WhenStopped.writing("analyze", "analysis", json, progress::done, written::get);
             CdoContext cdo = CdoContext.open(database)) {
            AnalysisService service = new AnalysisService(cdo.dataSource(), cdo.settings().muscleGroups(), Clock.systemDefaultZone());
            analysis = service.analyze(request, progress);
            progress.done();
            AnalysisService.writeJson(analysis.result(), json);
            written.set(true);
            notes = service.notes(analysis.result().cohort(), request.sites());
        }
        // with the analysis on standard output (piped to a JSON reader), what cdo says about it goes to standard error
        PrintWriter out = OutputFiles.isStandardOutput(json) ? spec.commandLine().getErr() : spec.commandLine().getOut();
        out.print(AnalysisSummary.text(analysis.result()));
        notes.forEach(out::println);
        out.println("Analysis written to " + json.toAbsolutePath().normalize());
        out.flush();
        return 0;
    }

    private AnalysisRequest request() {
        if (aeWindowDays < 0) {
            throw new ParameterException(spec.commandLine(), "--ae-window-days expects a whole number of days, 0 or more, but got " + aeWindowDays);
        }
        if (followUpDays < 0) {
            throw new ParameterException(spec.commandLine(), "--follow-up-days expects a whole number of days, 0 or more, but got " + followUpDays);
        }
        return cohort.request(spec.commandLine(), aeWindowDays, followUpDays, firstCycleOnly);
    }
}
