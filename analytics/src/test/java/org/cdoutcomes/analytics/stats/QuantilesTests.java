package org.cdoutcomes.analytics.stats;

import static org.cdoutcomes.analytics.stats.RReference.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.cdoutcomes.analytics.cohort.ValueHistogram;
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
            assertClose(expected.number("value"), Quantiles.type7(sorted.length, rank -> sorted[(int) rank], p), sample + " by rank p " + p);
        }
    }

    /** The histogram the analysis keeps (days between injections, doses) gives R's quantiles too. */
    @ParameterizedTest
    @MethodSource("samples")
    void aValueHistogramMatchesR(String sample) {
        ValueHistogram histogram = new ValueHistogram();
        counts(sample).forEach((value, count) -> {
            for (long i = 0; i < count; i++) {
                histogram.add(value);
            }
        });
        for (Row expected : RReference.read("quantiles_expected.csv", "sample", sample)) {
            double p = expected.number("p");
            assertClose(expected.number("value"), histogram.quantiles(p)[0], sample + " p " + p);
        }
    }

    /**
     * To the last bit as on the whole sorted sample: the histogram once interpolated by the fraction of (n - 1) p, which
     * rounds otherwise than R's 1 + (n - 1) p less its floor (784 of 120,000 random quantiles differed in the last bits).
     */
    @Test
    void aValueHistogramGivesTheSortedSamplesQuantilesToTheBit() {
        Random random = new Random(20261207);
        double[] ps = {0.1, 0.25, 0.5, 0.75, 0.9, 0.33, 0.01};
        for (int round = 0; round < 2000; round++) {
            int n = 1 + random.nextInt(200);
            double[] sample = new double[n];
            ValueHistogram histogram = new ValueHistogram();
            for (int i = 0; i < n; i++) {
                sample[i] = random.nextInt(120) + (random.nextBoolean() ? 0.5 : 0.0);
                histogram.add(sample[i]);
            }
            Arrays.sort(sample);
            double[] fromHistogram = histogram.quantiles(ps);
            for (int i = 0; i < ps.length; i++) {
                assertEquals(Quantiles.type7(sample, ps[i]), fromHistogram[i], "n " + n + " p " + ps[i]);
            }
        }
    }

    /** Of a histogram, only the two ranks around the quantile are asked for (one when it falls on a rank). */
    @Test
    void byRankOnlyTheTwoRanksAroundTheQuantileAreAskedFor() {
        List<Long> asked = new ArrayList<>();
        // 1 + (10 - 1) 0.25 = 3.25: ranks 2 and 3 (0-based), a quarter of the way from 30 to 40
        assertEquals(32.5, Quantiles.type7(10, rank -> {
            asked.add(rank);
            return 10.0 * (rank + 1);
        }, 0.25));
        assertEquals(List.of(2L, 3L), asked);
        asked.clear();
        // 1 + (9 - 1) 0.5 = 5: rank 4 alone
        assertEquals(50.0, Quantiles.type7(9, rank -> {
            asked.add(rank);
            return 10.0 * (rank + 1);
        }, 0.5));
        assertEquals(List.of(4L), asked);
    }

    @Test
    void noValuesGiveNaN() {
        assertEquals(Double.NaN, Quantiles.type7(new double[0], 0.5));
        assertEquals(Double.NaN, Quantiles.type7(0, rank -> {
            throw new AssertionError("no rank to ask for");
        }, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Quantiles.type7(new double[] {1}, 1.5));
    }
}
