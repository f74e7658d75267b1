package org.cdoutcomes.analytics.stats;

import static org.cdoutcomes.analytics.stats.RReference.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.cdoutcomes.analytics.stats.RReference.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Against R quantile(type = 7): src/test/R/quantiles_reference.R. */
class QuantilesTests {

    static List<String> samples() {
        return RReference.distinct("quantiles_samples.csv", "sample");
    }

    static NavigableMap<Double, Long> counts(String sample) {
        NavigableMap<Double, Long> counts = new TreeMap<>();
        for (Row row : RReference.read("quantiles_samples.csv", "sample", sample)) {
            counts.put(row.number("value"), (long) row.integer("count"));
        }
        return counts;
    }

    static double[] values(NavigableMap<Double, Long> counts) {
        List<Double> values = new ArrayList<>();
        counts.forEach((value, count) -> {
            for (long i = 0; i < count; i++) {
                values.add(value);
            }
        });
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void bothFormsMatchR(String sample) {
        NavigableMap<Double, Long> counts = counts(sample);
        double[] sorted = values(counts);
        for (Row expected : RReference.read("quantiles_expected.csv", "sample", sample)) {
            double p = expected.number("p");
            assertClose(expected.number("value"), Quantiles.type7(sorted, p), sample + " p " + p);
            assertClose(expected.number("value"), Quantiles.type7(counts, p), sample + " histogram p " + p);
        }
    }

    @Test
    void zeroCountsAreIgnored() {
        NavigableMap<Double, Long> counts = new TreeMap<>();
        counts.put(1.0, 1L);
        counts.put(2.0, 0L);
        counts.put(3.0, 1L);
        assertEquals(2.0, Quantiles.type7(counts, 0.5));
    }

    @Test
    void noValuesGiveNaN() {
        assertEquals(Double.NaN, Quantiles.type7(new double[0], 0.5));
        assertEquals(Double.NaN, Quantiles.type7(new TreeMap<>(), 0.5));
        assertThrows(IllegalArgumentException.class, () -> Quantiles.type7(new double[] {1}, 1.5));
    }
}
