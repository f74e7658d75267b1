package org.cdoutcomes.analytics.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.cdoutcomes.analytics.result.AnalysisResult;
import org.cdoutcomes.analytics.result.Cohort;
import org.cdoutcomes.analytics.result.CurvePoint;
import org.cdoutcomes.analytics.result.DataQuality;
import org.cdoutcomes.analytics.result.KaplanMeierSummary;
import org.cdoutcomes.analytics.result.LogRankComparison;
import org.cdoutcomes.analytics.result.SideEffectRow;

/**
 * The JSON of {@code cdo analyze --json FILE} (analytics.md, "Output"), schema {@code cdo.analysis/1}: members in the
 * spec's order, nulls written, doubles unrounded. One row or curve point per line, so files diff well.
 */
public final class AnalysisJson {
    private AnalysisJson() {
    }

    public static String toJson(AnalysisResult result) {
        StringBuilder out = new StringBuilder();
        out.append("{\n");
        out.append("  \"schema\": ").append(JsonObject.quote(AnalysisResult.SCHEMA)).append(",\n");
        out.append("  \"cohort\": ").append(cohort(result.cohort())).append(",\n");
        out.append("  \"time_to_onset\": ");
        array(out, result.timeToOnset(), AnalysisJson::kaplanMeier);
        out.append(",\n  \"duration_of_relief\": ");
        array(out, result.durationOfRelief(), AnalysisJson::kaplanMeier);
        out.append(",\n  \"side_effects\": ");
        array(out, result.sideEffects(), AnalysisJson::sideEffect);
        out.append(",\n  \"comparisons\": ");
        array(out, result.comparisons(), AnalysisJson::comparison);
        out.append(",\n  \"data_quality\": ").append(dataQuality(result.dataQuality())).append("\n}\n");
        return out.toString();
    }

    public static void write(AnalysisResult result, Writer writer) {
        try {
            writer.write(toJson(result));
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> void array(StringBuilder out, List<T> items, Function<T, String> json) {
        if (items.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append("[\n");
        for (int i = 0; i < items.size(); i++) {
            out.append("    ").append(json.apply(items.get(i))).append(i + 1 < items.size() ? ",\n" : "\n");
        }
        out.append("  ]");
    }

    private static String cohort(Cohort cohort) {
        return new JsonObject()
                .string("from", date(cohort.from()))
                .string("to", date(cohort.to()))
                .string("as_of", date(cohort.asOf()))
                .integer("patients", cohort.patients())
                .integer("cycles", cohort.cycles())
                .integer("ae_window_days", cohort.aeWindowDays())
                .end();
    }

    private static String kaplanMeier(KaplanMeierSummary km) {
        StringBuilder curve = new StringBuilder("[");
        for (int i = 0; i < km.curve().size(); i++) {
            CurvePoint point = km.curve().get(i);
            curve.append(i == 0 ? "\n      " : ",\n      ").append(new JsonObject()
                    .integer("day", point.day())
                    .integer("at_risk", point.atRisk())
                    .integer("events", point.events())
                    .integer("censored", point.censored())
                    .number("survival", point.survival())
                    .number("ci_lower", point.ciLower())
                    .number("ci_upper", point.ciUpper())
                    .end());
        }
        curve.append(km.curve().isEmpty() ? "]" : "\n    ]");
        return new JsonObject()
                .string("by", km.by())
                .string("value", km.value())
                .integer("n", km.n())
                .integer("events", km.events())
                .integer("censored", km.censored())
                .number("median", km.median())
                .number("median_ci_lower", km.medianCiLower())
                .number("median_ci_upper", km.medianCiUpper())
                .number("q1", km.q1())
                .number("q3", km.q3())
                .raw("curve", curve.toString())
                .end();
    }

    private static String sideEffect(SideEffectRow row) {
        return new JsonObject()
                .string("muscle_group", row.muscleGroup())
                .string("term", row.term())
                .integer("exposed_cycles", row.exposedCycles())
                .integer("exposed_events", row.exposedEvents())
                .number("rate", row.rate())
                .number("ci_lower", row.ciLower())
                .number("ci_upper", row.ciUpper())
                .integer("unexposed_cycles", row.unexposedCycles())
                .integer("unexposed_events", row.unexposedEvents())
                .number("relative_risk", row.relativeRisk())
                .number("rr_ci_lower", row.rrCiLower())
                .number("rr_ci_upper", row.rrCiUpper())
                .number("fisher_p", row.fisherP())
                .end();
    }

    private static String comparison(LogRankComparison comparison) {
        return new JsonObject()
                .string("metric", comparison.metric())
                .string("by", comparison.by())
                .strings("groups", comparison.groups())
                .number("chi_square", comparison.chiSquare())
                .integer("df", comparison.df())
                .number("p_value", comparison.pValue())
                .end();
    }

    private static String dataQuality(DataQuality quality) {
        return new JsonObject()
                .integer("VISIT_ID_MISMATCH", quality.visitIdMismatch())
                .integer("WEAR_OFF_WITHOUT_ONSET", quality.wearOffWithoutOnset())
                .integer("RECORDS_WITHOUT_CYCLE", quality.recordsWithoutCycle())
                .end();
    }

    private static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
