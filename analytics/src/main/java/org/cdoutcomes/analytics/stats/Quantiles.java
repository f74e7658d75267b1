package org.cdoutcomes.analytics.stats;

/** Sample quantiles as R's quantile() default (type 7). */
public final class Quantiles {
    private Quantiles() {
    }

    /** The p-quantile of the values, sorted ascending; NaN for no values. */
    public static double type7(double[] sortedValues, double p) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
