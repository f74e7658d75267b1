package org.cdoutcomes.app.analyze;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.cdoutcomes.analytics.Analysis;
import org.cdoutcomes.analytics.AnalysisOptions;
import org.cdoutcomes.analytics.Analyzer;
import org.cdoutcomes.analytics.output.AnalysisJson;
import org.cdoutcomes.analytics.result.AnalysisResult;
import org.cdoutcomes.analytics.result.Cohort;
import org.cdoutcomes.app.cli.OutputFile;
import org.cdoutcomes.db.history.PatientHistoryReader;
import org.cdoutcomes.model.vocabulary.MuscleGroups;

/**
 * The analysis of the stored data in one streaming pass: resolves the data cutoff, reads every patient's history up
 * to it (one patient in memory at a time) and feeds the analytics engine. Used by {@code cdo analyze}, by the report
 * and by the scheduled pipeline.
 */
public final class AnalysisService {
    private final PatientHistoryReader histories;
    private final MuscleGroups muscleGroups;
    private final Clock clock;

    /**
     * @param muscleGroups the clinic's muscle groups (its configured overrides on top of the defaults)
     * @param clock        what "today" is: the cutoff of an empty database
     */
    public AnalysisService(DataSource dataSource, MuscleGroups muscleGroups, Clock clock) {
        this.histories = new PatientHistoryReader(dataSource);
        this.muscleGroups = muscleGroups;
        this.clock = clock;
    }

    /** The latest visit or symptom date stored; empty when the database holds no record. */
    public Optional<LocalDate> latestRecordDate() {
        return histories.latestRecordDate();
    }

    /**
     * What the options did that a reader may not expect: a cutoff after today, which follows patients in follow-up beyond
     * any record there can be yet; a period that ends after the cutoff, whose later injections are missing; and why no
     * cycle was kept, when the database or the options explain it: a database without records, a period that starts
     * after the cutoff, or sites at which nothing was injected (ids match exactly, so a typo keeps nothing).
     */
    public List<String> notes(Cohort cohort, Set<String> sites) {
        List<String> notes = new ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        if (cohort.asOf().isAfter(today)) {
            notes.add("Note: the data cutoff, " + cohort.asOf() + ", is after today (" + today + "): patients still in "
                    + "follow-up count as followed until the cutoff, beyond any record there can be yet.");
        }
        boolean periodAfterCutoff = cohort.from() != null && cohort.asOf().isBefore(cohort.from());
        if (!periodAfterCutoff && cohort.to() != null && cohort.asOf().isBefore(cohort.to())) {
            notes.add("Note: the data cutoff, " + cohort.asOf() + ", is before the period ends (" + cohort.to()
                    + "): injections after it are not counted, so the period's figures may be incomplete.");
        }
        if (cohort.cycles() > 0) {
            return notes;
        }
        if (latestRecordDate().isEmpty()) {
            // a wrong --db or folder reads as an empty clinic: say so rather than report nothing in silence
            return List.of("Note: the database holds no visit or symptom yet, so the analysis is empty (cdo ingest loads clinic "
                    + "exports; is this the right database?).");
        }
        if (periodAfterCutoff) {
            notes.add("Note: the data cutoff, " + cohort.asOf() + ", is before the period starts (" + cohort.from()
                    + "), so no cycle can be in it: choose a period that starts by the cutoff (cdo analyze and cdo report take "
                    + "--quarter, or --from and --to).");
        } else if (!sites.isEmpty()) {
            List<String> known = histories.siteIds(cohort.asOf());
            String ofThePeriod = cohort.from() != null || cohort.to() != null ? " of the period" : "";
            notes.add("Note: no cycle" + ofThePeriod + " was injected at " + String.join(", ", new TreeSet<>(sites))
                    + ". Sites with injections up to the cutoff: " + (known.isEmpty() ? "none" : String.join(", ", known))
                    + " (site ids match exactly, case included).");
        }
        return notes;
    }

    /** The data cutoff: the given date, else the latest stored record date, else (nothing stored) today. */
    public LocalDate dataCutoff(LocalDate given) {
        if (given != null) {
            return given;
        }
        return latestRecordDate().orElseGet(() -> LocalDate.now(clock));
    }

    /** The options of the request with its cutoff resolved and the clinic's muscle groups. */
    public AnalysisOptions options(AnalysisRequest request) {
        return request.toOptions(dataCutoff(request.asOf()), muscleGroups);
    }

    /**
     * Runs the pass.
     *
     * @param patientsRead told how many patients there are to read, then the number read so far after each one (for
     *                     progress on a terminal)
     */
    public Analysis analyze(AnalysisOptions options, PatientsRead patientsRead) {
        Analyzer analyzer = new Analyzer(options);
        patientsRead.toRead(() -> histories.patientCount(options.asOf()));
        long[] read = {0};
        histories.forEach(options.asOf(), history -> {
            analyzer.accept(history);
            patientsRead.accept(++read[0]);
        });
        return analyzer.finish();
    }

    /** Resolves the request and runs the pass. */
    public Analysis analyze(AnalysisRequest request, PatientsRead patientsRead) {
        return analyze(options(request), patientsRead);
    }

    /** Writes the analysis JSON (analytics.md, "Output"), in place of any earlier file only once it is whole. */
    public static void writeJson(AnalysisResult result, Path file) throws IOException {
        OutputFile.replace(file, out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            AnalysisJson.write(result, writer);
            writer.flush();
        });
    }
}
