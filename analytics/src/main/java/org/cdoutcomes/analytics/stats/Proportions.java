package org.cdoutcomes.analytics.stats;

/** Rates and their comparisons for a 2x2 table: exposed a of n1, unexposed b of n0. */
public final class Proportions {
    /** The 0.975 normal quantile used in every 95% interval (analytics.md). */
    public static final double Z = 1.959963984540054;

    /** fisher.test's relative tolerance: tables within it of the observed probability count as no more likely. */
    private static final double FISHER_RELATIVE_TOLERANCE = 1e-7;

    private Proportions() {
    }

    /** a / n with the Wilson score interval without continuity correction; bounds exactly 0 when a = 0 and 1 when a = n. */
    public static Interval wilson(int a, int n) {
        requireCount(a, n);
        // The operations of R's prop.test(correct = FALSE), so the bounds round as R's do.
        double p = (double) a / n;
        double z22n = Z * Z / (2.0 * n);
        double spread = Z * Math.sqrt(p * (1 - p) / n + z22n / (2.0 * n));
        double upper = a == n ? 1.0 : Math.min(1.0, (p + z22n + spread) / (1 + 2 * z22n));
        double lower = a == 0 ? 0.0 : Math.max(0.0, (p + z22n - spread) / (1 + 2 * z22n));
        return new Interval(p, lower, upper);
    }

    /** (a/n1)/(b/n0) with the Katz log interval; a+0.5, b+0.5, n1+1, n0+1 whenever a or b is 0. */
    public static Interval relativeRisk(int a, int n1, int b, int n0) {
        requireCount(a, n1);
        requireCount(b, n0);
        double correction = a == 0 || b == 0 ? 0.5 : 0.0;
        double x1 = a + correction;
        double m1 = n1 + 2 * correction;
        double x0 = b + correction;
        double m0 = n0 + 2 * correction;
        // the estimate as written, not exp(log(...)), which is off in the last bits (3.0000000000000004 for 3)
        double risk = (x1 / m1) / (x0 / m0);
        double logRisk = Math.log(risk);
        double se = Math.sqrt(1 / x1 - 1 / m1 + 1 / x0 - 1 / m0);
        return new Interval(risk, Math.exp(logRisk - Z * se), Math.exp(logRisk + Z * se));
    }

    /** Two-sided Fisher exact p for [[a, n1-a], [b, n0-b]], summing tables no more likely than observed (relative tolerance 1e-7, as R). */
    public static double fisherTwoSided(int a, int n1, int b, int n0) {
        requireCount(a, n1);
        requireCount(b, n0);
        // Tables with the margins fixed, indexed by x = their exposed events: hypergeometric in x.
        long events = (long) a + b;
        long nonEvents = (long) n1 + n0 - events;
        int lo = (int) Math.max(0, n1 - nonEvents);
        int hi = (int) Math.min(n1, events);
        if (lo == hi) {
            return 1.0;
        }
        // Probabilities relative to the mode by the ratio of successive terms: one pass, no factorials, no overflow
        // (the tails underflow to 0, where they no longer matter).
        long total = (long) n1 + n0;
        int mode = (int) Math.min(hi, Math.max(lo, (((long) n1 + 1) * (events + 1)) / (total + 2)));
        double[] relative = new double[hi - lo + 1];
        relative[mode - lo] = 1.0;
        for (int x = mode; x < hi; x++) {
            double up = (double) (events - x) * (n1 - x) / ((double) (x + 1) * (nonEvents - n1 + x + 1));
            relative[x + 1 - lo] = relative[x - lo] * up;
        }
        for (int x = mode; x > lo; x--) {
            double down = (double) x * (nonEvents - n1 + x) / ((double) (events - x + 1) * (n1 - x + 1));
            relative[x - 1 - lo] = relative[x - lo] * down;
        }
        double threshold = relative[a - lo] * (1 + FISHER_RELATIVE_TOLERANCE);
        double all = 0.0;
        double asExtreme = 0.0;
        for (double r : relative) {
            all += r;
            if (r <= threshold) {
                asExtreme += r;
            }
        }
        return Math.min(1.0, asExtreme / all);
    }

    private static void requireCount(int events, int n) {
        if (n < 1 || events < 0 || events > n) {
            throw new IllegalArgumentException("need 0 <= events <= n and n >= 1, got " + events + " of " + n);
        }
    }
}
