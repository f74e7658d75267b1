package org.cdoutcomes.analytics.stats;

import java.util.Map;
import java.util.NavigableMap;

/** Sample quantiles as R's quantile() default (type 7). */
public final class Quantiles {
    private Quantiles() {
    }

    /** The p-quantile of the values, sorted ascending; NaN for no values. */
    public static double type7(double[] sortedValues, double p) {
        int n = sortedValues.length;
        if (n == 0) {
            return Double.NaN;
        }
        Position at = Position.of(n, p);
        return at.interpolate(sortedValues[(int) at.lo], sortedValues[(int) at.hi]);
    }

    /**
     * The same p-quantile of the multiset in which each value occurs count times (ascending keys, counts >= 0), so
     * that medians over many observations need only the distinct values; NaN when the counts sum to 0.
     */
    public static double type7(NavigableMap<Double, Long> countsByValue, double p) {
        long n = 0;
        for (long count : countsByValue.values()) {
            if (count < 0) {
                throw new IllegalArgumentException("negative count " + count);
            }
            n += count;
        }
        if (n == 0) {
            return Double.NaN;
        }
        Position at = Position.of(n, p);
        Double low = null;
        long seen = 0;
        for (Map.Entry<Double, Long> entry : countsByValue.entrySet()) {
            seen += entry.getValue();
            if (low == null && at.lo < seen) {
                low = entry.getKey();
            }
            if (at.hi < seen) {
                return at.interpolate(low, entry.getKey());
            }
        }
        throw new IllegalStateException("unreachable: hi < n");
    }

    /** R's 1 + (n - 1) p as 0-based lo = floor, hi = ceiling and the fraction h between them. */
    private record Position(long lo, long hi, double h) {
        static Position of(long n, double p) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probability outside [0, 1]: " + p);
            }
            // 1-based as R, so that h rounds exactly as R's index - lo does.
            double index = 1 + (n - 1) * p;
            double lo = Math.floor(index);
            return new Position((long) lo - 1, (long) Math.ceil(index) - 1, index - lo);
        }

        /** R computes (1 - h) x[lo] + h x[hi], and only when h > 0 and the two differ. */
        double interpolate(double low, double high) {
            return h > 0 && high != low ? (1 - h) * low + h * high : low;
        }
    }
}
