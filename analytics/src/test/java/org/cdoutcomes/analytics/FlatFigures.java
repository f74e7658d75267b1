package org.cdoutcomes.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cdoutcomes.analytics.report.ReportFigures;
import org.cdoutcomes.analytics.result.AnalysisResult;
import org.cdoutcomes.analytics.result.CurvePoint;
import org.cdoutcomes.analytics.result.KaplanMeierSummary;
import org.cdoutcomes.analytics.result.LogRankComparison;
import org.cdoutcomes.analytics.result.SideEffectRow;

/** An analysis flattened to the key=value lines that src/test/R/figures.R writes, and compared with them. */
final class FlatFigures {
    private FlatFigures() {
    }

    /** Same keys, and every value within 1e-9 (relative above 1); "null" where R has none. */
    static void assertMatch(Path expectedFile, Analysis analysis) throws IOException {
        Map<String, String> expected = new TreeMap<>();
        for (String line : Files.readAllLines(expectedFile)) {
            int eq = line.indexOf('=');
            expected.put(line.substring(0, eq), line.substring(eq + 1));
        }
        Map<String, Number> actual = flatten(analysis.result(), analysis.figures());

        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((key, value) -> {
            Number number = actual.get(key);
            if (value.equals("null")) {
                assertNull(number, key);
            } else {
                double wanted = Double.parseDouble(value);
                assertEquals(wanted, number == null ? Double.NaN : number.doubleValue(), 1e-9 * Math.max(1, Math.abs(wanted)), key);
            }
        });
    }

    private static Map<String, Number> flatten(AnalysisResult result, ReportFigures figures) {
        Map<String, Number> flat = new TreeMap<>();
        flat.put("cohort.patients", result.cohort().patients());
        flat.put("cohort.cycles", result.cohort().cycles());
        flat.put("data_quality.VISIT_ID_MISMATCH", result.dataQuality().visitIdMismatch());
        flat.put("data_quality.WEAR_OFF_WITHOUT_ONSET", result.dataQuality().wearOffWithoutOnset());
        flat.put("data_quality.RECORDS_WITHOUT_CYCLE", result.dataQuality().recordsWithoutCycle());
        flattenKm(flat, "time_to_onset", result.timeToOnset());
        flattenKm(flat, "duration_of_relief", result.durationOfRelief());
        for (LogRankComparison comparison : result.comparisons()) {
            String key = "comparison." + comparison.metric() + ".";
            flat.put(key + "chi_square", comparison.chiSquare());
            flat.put(key + "df", comparison.df());
            flat.put(key + "p_value", comparison.pValue());
        }
        for (SideEffectRow row : result.sideEffects()) {
            String key = "side_effects." + row.muscleGroup() + "." + row.term() + ".";
            flat.put(key + "exposed_cycles", row.exposedCycles());
            flat.put(key + "exposed_events", row.exposedEvents());
            flat.put(key + "rate", row.rate());
            flat.put(key + "ci_lower", row.ciLower());
            flat.put(key + "ci_upper", row.ciUpper());
            flat.put(key + "unexposed_cycles", row.unexposedCycles());
            flat.put(key + "unexposed_events", row.unexposedEvents());
            flat.put(key + "relative_risk", row.relativeRisk());
            flat.put(key + "rr_ci_lower", row.rrCiLower());
            flat.put(key + "rr_ci_upper", row.rrCiUpper());
            flat.put(key + "fisher_p", row.fisherP());
        }
        figures.reliefShares().forEach(share -> {
            String key = "relief." + share.by() + "." + share.value() + ".";
            flat.put(key + "week8", share.week8());
            flat.put(key + "week12", share.week12());
            flat.put(key + "week16", share.week16());
        });
        figures.dosing().forEach(row -> {
            String key = "dosing." + row.product() + "." + row.muscle() + ".";
            flat.put(key + "cycles", row.cycles());
            flat.put(key + "median", row.median());
            flat.put(key + "q1", row.q1());
            flat.put(key + "q3", row.q3());
        });
        return flat;
    }

    private static void flattenKm(Map<String, Number> flat, String metric, List<KaplanMeierSummary> strata) {
        for (KaplanMeierSummary km : strata) {
            String key = metric + "." + km.by() + "." + km.value() + ".";
            flat.put(key + "n", km.n());
            flat.put(key + "events", km.events());
            flat.put(key + "censored", km.censored());
            flat.put(key + "median", km.median());
            flat.put(key + "median_ci_lower", km.medianCiLower());
            flat.put(key + "median_ci_upper", km.medianCiUpper());
            flat.put(key + "q1", km.q1());
            flat.put(key + "q3", km.q3());
            for (CurvePoint point : km.curve()) {
                String pointKey = key + "curve." + point.day() + ".";
                flat.put(pointKey + "at_risk", point.atRisk());
                flat.put(pointKey + "events", point.events());
                flat.put(pointKey + "censored", point.censored());
                flat.put(pointKey + "survival", point.survival());
                flat.put(pointKey + "ci_lower", point.ciLower());
                flat.put(pointKey + "ci_upper", point.ciUpper());
            }
        }
    }
}
