package org.cdoutcomes.analytics.stats;

import org.apache.commons.math3.distribution.HypergeometricDistribution;

/**
 * Speed of {@link Proportions#fisherTwoSided} on clinic-sized tables, as a ratio against a baseline measured in the
 * same run: R's own method (one log-probability call per table, commons-math3's hypergeometric). Not a test; run
 * with {@code java -cp target/classes:target/test-classes:<commons-math3 jar> org.cdoutcomes.analytics.stats.FisherBenchmark}.
 */
public final class FisherBenchmark {
    private FisherBenchmark() {
    }

    public static void main(String[] args) {
        int[][] tables = {{120, 100_000, 95, 120_000}, {5_400, 200_000, 4_800, 180_000},
                {31_000, 400_000, 29_000, 380_000}};
        for (int[] t : tables) {
            double[] recurrence = time(() -> Proportions.fisherTwoSided(t[0], t[1], t[2], t[3]));
            double[] perTable = time(() -> perTableProbability(t[0], t[1], t[2], t[3]));
            System.out.printf("a=%d n1=%d b=%d n0=%d: recurrence %.3f ms (p=%.15g), per-table %.3f ms (p=%.15g),"
                    + " ratio %.1f%n", t[0], t[1], t[2], t[3], recurrence[0], recurrence[1], perTable[0], perTable[1],
                    perTable[0] / recurrence[0]);
        }
    }

    /** Median milliseconds of 15 timed calls after 5 warm-up calls, and the p-value. */
    private static double[] time(java.util.function.DoubleSupplier call) {
        double p = 0;
        for (int i = 0; i < 5; i++) {
            p = call.getAsDouble();
        }
        double[] ms = new double[15];
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            p = call.getAsDouble();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        java.util.Arrays.sort(ms);
        return new double[] {ms[ms.length / 2], p};
    }

    /** fisher.test's 2x2 computation: dhyper(support, log = TRUE), exp(d - max), sum of d <= d_obs (1 + 1e-7). */
    private static double perTableProbability(int a, int n1, int b, int n0) {
        int events = a + b;
        HypergeometricDistribution h = new HypergeometricDistribution(null, n1 + n0, events, n1);
        int lo = Math.max(0, n1 - (n1 + n0 - events));
        int hi = Math.min(n1, events);
        double[] log = new double[hi - lo + 1];
        double max = Double.NEGATIVE_INFINITY;
        for (int x = lo; x <= hi; x++) {
            log[x - lo] = h.logProbability(x);
            max = Math.max(max, log[x - lo]);
        }
        double threshold = Math.exp(log[a - lo] - max) * (1 + 1e-7);
        double all = 0;
        double asExtreme = 0;
        for (double l : log) {
            double d = Math.exp(l - max);
            all += d;
            asExtreme += d <= threshold ? d : 0;
        }
        return asExtreme / all;
    }
}
