package org.cdoutcomes.analytics.output;

import java.util.List;
import java.util.Locale;
import org.cdoutcomes.analytics.result.AnalysisResult;
import org.cdoutcomes.analytics.result.Cohort;
import org.cdoutcomes.analytics.result.DataQuality;
import org.cdoutcomes.analytics.result.KaplanMeierSummary;
import org.cdoutcomes.analytics.result.SideEffectRow;
import org.cdoutcomes.model.text.Counted;

/** A few lines for stdout after {@code cdo analyze}: cohort, headline medians, overall side-effect rate, data quality. */
public final class AnalysisSummary {
    private AnalysisSummary() {
    }

    public static String text(AnalysisResult result) {
        Cohort cohort = result.cohort();
        StringBuilder text = new StringBuilder();
        String period = cohort.from() == null && cohort.to() == null ? "all cycles"
                : "cycles " + (cohort.from() == null ? "" : cohort.from()) + ".." + (cohort.to() == null ? "" : cohort.to());
        text.append(String.format(Locale.ROOT, "Cohort: %s, data as of %s: %s, %s%n",
                period, cohort.asOf(), Counted.of(cohort.patients(), "patient"), Counted.of(cohort.cycles(), "cycle")));
        text.append(median("Time to onset", result.timeToOnset()));
        text.append(median("Duration of relief", result.durationOfRelief()));
        List<SideEffectRow> rows = result.sideEffects();
        if (rows.isEmpty()) {
            text.append(String.format(Locale.ROOT, "Side effects: no cycle past its %d-day window%n", cohort.aeWindowDays()));
        } else {
            SideEffectRow any = rows.get(0);
            text.append(String.format(Locale.ROOT, "Side effects: any term in %d of %s (%.1f%%, %d-day window)%n",
                    any.exposedEvents(), Counted.of(any.exposedCycles(), "counted cycle"), 100 * any.rate(), cohort.aeWindowDays()));
        }
        DataQuality quality = result.dataQuality();
        text.append(String.format(Locale.ROOT,
                "Data quality: %s, %s without onset, %s without cycle%n",
                Counted.of(quality.visitIdMismatch(), "visit id mismatch", "visit id mismatches"),
                Counted.of(quality.wearOffWithoutOnset(), "wear-off"), Counted.of(quality.recordsWithoutCycle(), "record")));
        return text.toString();
    }

    private static String median(String metric, List<KaplanMeierSummary> strata) {
        if (strata.isEmpty()) {
            return metric + ": no cycles" + System.lineSeparator();
        }
        KaplanMeierSummary all = strata.get(0);
        String median = all.median() == null ? days(null) : days(all.median()) + " days";
        return String.format(Locale.ROOT, "%s: median %s (95%% CI %s to %s), %s in %s%n", metric, median,
                days(all.medianCiLower()), days(all.medianCiUpper()), Counted.of(all.events(), "event"), Counted.of(all.n(), "cycle"));
    }

    private static String days(Double value) {
        return value == null ? "not reached" : String.format(Locale.ROOT, "%.1f", value);
    }
}
