package org.cdoutcomes.analytics.output;

import static org.cdoutcomes.analytics.Histories.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cdoutcomes.analytics.result.AnalysisResult;
import org.cdoutcomes.analytics.result.Cohort;
import org.cdoutcomes.analytics.result.CurvePoint;
import org.cdoutcomes.analytics.result.DataQuality;
import org.cdoutcomes.analytics.result.KaplanMeierSummary;
import org.cdoutcomes.analytics.result.LogRankComparison;
import org.cdoutcomes.analytics.result.SideEffectRow;
import org.junit.jupiter.api.Test;

class AnalysisJsonTests {
    private static final KaplanMeierSummary ONSET = new KaplanMeierSummary("all", "all", 3, 2, 1, 7.0, 6.0, null, 5.0, null,
            List.of(new CurvePoint(3, 3, 1, 0, 2.0 / 3, 0.1, 0.30000000000000004),
                    new CurvePoint(7, 2, 1, 1, 1.0 / 3, 1.0E-5, 0.9)));

    @Test
    void membersComeInTheSpecsOrderWithNullsAndUnroundedDoubles() {
        AnalysisResult result = new AnalysisResult(new Cohort(d("2025-01-01"), null, d("2026-02-01"), 2, 3, 28),
                List.of(ONSET), List.of(),
                List.of(new SideEffectRow("any", "any", 3, 1, 1.0 / 3, 0.06, 0.79, null, null, null, null, null, null),
                        new SideEffectRow("trapezius", "any", 2, 1, 0.5, 0.09, 0.91, 1, 0, 1.5, 0.2, 11.0, 1.0)),
                List.of(new LogRankComparison("time_to_onset", "product", List.of("abobotulinumtoxinA", "onabotulinumtoxinA"),
                        null, null, null)),
                new DataQuality(0, 3, 5));

        String expected = """
                {
                  "schema": "cdo.analysis/1",
                  "cohort": {"from": "2025-01-01", "to": null, "as_of": "2026-02-01", "patients": 2, "cycles": 3, "ae_window_days": 28},
                  "time_to_onset": [
                    {"by": "all", "value": "all", "n": 3, "events": 2, "censored": 1, "median": 7.0, "median_ci_lower": 6.0, \
                "median_ci_upper": null, "q1": 5.0, "q3": null, "curve": [
                      {"day": 3, "at_risk": 3, "events": 1, "censored": 0, "survival": 0.6666666666666666, "ci_lower": 0.1, \
                "ci_upper": 0.30000000000000004},
                      {"day": 7, "at_risk": 2, "events": 1, "censored": 1, "survival": 0.3333333333333333, "ci_lower": 1.0E-5, \
                "ci_upper": 0.9}
                    ]}
                  ],
                  "duration_of_relief": [],
                  "side_effects": [
                    {"muscle_group": "any", "term": "any", "exposed_cycles": 3, "exposed_events": 1, "rate": 0.3333333333333333, \
                "ci_lower": 0.06, "ci_upper": 0.79, "unexposed_cycles": null, "unexposed_events": null, "relative_risk": null, \
                "rr_ci_lower": null, "rr_ci_upper": null, "fisher_p": null},
                    {"muscle_group": "trapezius", "term": "any", "exposed_cycles": 2, "exposed_events": 1, "rate": 0.5, \
                "ci_lower": 0.09, "ci_upper": 0.91, "unexposed_cycles": 1, "unexposed_events": 0, "relative_risk": 1.5, \
                "rr_ci_lower": 0.2, "rr_ci_upper": 11.0, "fisher_p": 1.0}
                  ],
                  "comparisons": [
                    {"metric": "time_to_onset", "by": "product", "groups": ["abobotulinumtoxinA", "onabotulinumtoxinA"], \
                "chi_square": null, "df": null, "p_value": null}
                  ],
                  "data_quality": {"VISIT_ID_MISMATCH": 0, "WEAR_OFF_WITHOUT_ONSET": 3, "RECORDS_WITHOUT_CYCLE": 5}
                }
                """;
        assertEquals(expected, AnalysisJson.toJson(result));
    }

    @Test
    void doublesReadBackExactly() {
        String json = AnalysisJson.toJson(new AnalysisResult(new Cohort(null, null, d("2026-02-01"), 1, 1, 28),
                List.of(ONSET), List.of(), List.of(), List.of(), new DataQuality(0, 0, 0)));

        // every double of the curve, as written, parses back to the very double it was (no rounding to fewer digits)
        Matcher numbers = Pattern.compile("\"(survival|ci_lower|ci_upper)\": ([^,}]+)").matcher(json);
        List<Double> read = new ArrayList<>();
        while (numbers.find()) {
            read.add(Double.parseDouble(numbers.group(2)));
        }
        assertEquals(List.of(2.0 / 3, 0.1, 0.30000000000000004, 1.0 / 3, 1.0E-5, 0.9), read);
    }

    @Test
    void textFromInputIsEscaped() {
        assertEquals("\"a\\\"b\\\\c\\nd\\u0001\"", JsonObject.quote("a\"b\\c\nd\u0001"));
    }
}
