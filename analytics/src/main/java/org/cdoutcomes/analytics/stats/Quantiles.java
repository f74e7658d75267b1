package org.cdoutcomes.analytics.stats;

import java.util.function.LongToDoubleFunction;

/** Sample quantiles as R's quantile() default (type 7). */
public final class Quantiles {
    private Quantiles() {
    }

    /** The p-quantile of the values, sorted ascending; NaN for no values. */
    public static double type7(double[] sortedValues, double p) {
        return type7(sortedValues.length, rank -> sortedValues[(int) rank], p);
    }

    /**
     * The same p-quantile of n sorted values given by rank (the value at each 0-based rank, asked for two ranks at
     * most): of a histogram, without expanding it. NaN for n = 0.
     */
    public static double type7(long n, LongToDoubleFunction valueAtRank, double p) {
        if (n == 0) {
            return Double.NaN;
        }
        Position at = Position.of(n, p);
        double low = valueAtRank.applyAsDouble(at.lo);
        return at.interpolate(low, at.hi == at.lo ? low : valueAtRank.applyAsDouble(at.hi));
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
