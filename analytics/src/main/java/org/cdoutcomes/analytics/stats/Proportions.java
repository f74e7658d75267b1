package org.cdoutcomes.analytics.stats;

/** Rates and their comparisons for a 2x2 table: exposed a of n1, unexposed b of n0. */
public final class Proportions {
    /** The 0.975 normal quantile used in every 95% interval (analytics.md). */
    public static final double Z = 1.959963984540054;

    private Proportions() {
    }

    /** a / n with the Wilson score interval without continuity correction; bounds exactly 0 when a = 0 and 1 when a = n. */
    public static Interval wilson(int a, int n) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** (a/n1)/(b/n0) with the Katz log interval; a+0.5, b+0.5, n1+1, n0+1 whenever a or b is 0. */
    public static Interval relativeRisk(int a, int n1, int b, int n0) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Two-sided Fisher exact p for [[a, n1-a], [b, n0-b]], summing tables no more likely than observed (relative tolerance 1e-7, as R). */
    public static double fisherTwoSided(int a, int n1, int b, int n0) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
