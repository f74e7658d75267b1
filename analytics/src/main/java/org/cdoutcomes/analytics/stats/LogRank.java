package org.cdoutcomes.analytics.stats;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.special.Gamma;

/** Log-rank test across groups, as R's survdiff (rho = 0). */
public final class LogRank {
    /**
     * Pivot tolerance of the Cholesky factorisation of the variance matrix scaled to unit diagonal. The matrix is
     * singular in exact arithmetic only when it is entirely 0 (every death time has everyone at risk dying, or one
     * subject at risk): then its entries are exact zeros. Otherwise its scaled pivots are 1 - R^2 of one group's
     * O - E on the others', which is at least of the order of 1/(subjects at risk), far above rounding noise of a
     * sum over death times (< 1e-12); 1e-10 separates the two with a wide margin on both sides.
     */
    static final double SINGULAR_TOLERANCE = 1e-10;

    private LogRank() {
    }

    /** chiSquare and pValue null when the variance matrix is singular; all null when fewer than two groups remain. */
    public record Result(Double chiSquare, Integer df, Double pValue) {
    }

    public static Result test(List<SurvivalCounts> groups) {
        int g = groups.size();
        double[] observed = new double[g];
        double[] expected = new double[g];
        double[][] variance = new double[g][g];
        accumulate(groups, observed, expected, variance);

        List<Integer> kept = new ArrayList<>();
        for (int k = 0; k < g; k++) {
            if (expected[k] > 0) {
                kept.add(k);
            }
        }
        if (kept.size() < 2) {
            return new Result(null, null, null);
        }
        int df = kept.size() - 1;
        // Any one kept group may be left out; leaving out the one with the largest variance conditions best.
        int reference = kept.get(0);
        for (int k : kept) {
            if (variance[k][k] > variance[reference][reference]) {
                reference = k;
            }
        }
        kept.remove(Integer.valueOf(reference));
        double[] u = new double[df];
        double[][] v = new double[df][df];
        for (int i = 0; i < df; i++) {
            u[i] = observed[kept.get(i)] - expected[kept.get(i)];
            for (int j = 0; j < df; j++) {
                v[i][j] = variance[kept.get(i)][kept.get(j)];
            }
        }
        Double chiSquare = quadraticForm(u, v);
        if (chiSquare == null) {
            return new Result(null, df, null);
        }
        return new Result(chiSquare, df, Gamma.regularizedGammaQ(df / 2.0, chiSquare / 2.0));
    }

    /** survdiff's sums over the distinct death times of all groups together (weights 1, rho = 0). */
    private static void accumulate(List<SurvivalCounts> groups, double[] observed, double[] expected,
                                   double[][] variance) {
        int g = groups.size();
        int lastDay = -1;
        long[] atRisk = new long[g];
        for (int k = 0; k < g; k++) {
            lastDay = Math.max(lastDay, groups.get(k).lastDay());
            atRisk[k] = groups.get(k).n();
        }
        long[] deaths = new long[g];
        long[] leaving = new long[g];
        // Every day up to the last, not only those with counts: a day without deaths or leavers changes nothing.
        for (int day = 0; day <= lastDay; day++) {
            long totalAtRisk = 0;
            long totalDeaths = 0;
            for (int k = 0; k < g; k++) {
                SurvivalCounts c = groups.get(k);
                deaths[k] = c.events(day);
                leaving[k] = c.events(day) + c.censored(day);
                totalAtRisk += atRisk[k];
                totalDeaths += deaths[k];
            }
            if (totalDeaths > 0) {
                double nRisk = totalAtRisk;
                double d = totalDeaths;
                for (int k = 0; k < g; k++) {
                    observed[k] += deaths[k];
                    expected[k] += d * atRisk[k] / nRisk;
                }
                if (totalAtRisk > 1) {
                    double factor = d * (nRisk - d) / (nRisk * nRisk * (nRisk - 1));
                    for (int j = 0; j < g; j++) {
                        for (int k = 0; k < g; k++) {
                            double centred = (j == k ? nRisk : 0.0) - atRisk[k];
                            variance[j][k] += factor * atRisk[j] * centred;
                        }
                    }
                }
            }
            for (int k = 0; k < g; k++) {
                atRisk[k] -= leaving[k];
            }
        }
    }

    /** u' V^-1 u by Cholesky of V scaled to unit diagonal; null when V is singular (see SINGULAR_TOLERANCE). */
    private static Double quadraticForm(double[] u, double[][] v) {
        int m = u.length;
        double[] scale = new double[m];
        for (int i = 0; i < m; i++) {
            if (!(v[i][i] > 0)) {
                return null;
            }
            scale[i] = Math.sqrt(v[i][i]);
        }
        double[][] l = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = v[i][j] / (scale[i] * scale[j]);
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (sum <= SINGULAR_TOLERANCE) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        // Solve L y = D^-1/2 u; the quadratic form is |y|^2.
        double[] y = new double[m];
        double chiSquare = 0.0;
        for (int i = 0; i < m; i++) {
            double sum = u[i] / scale[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i][k] * y[k];
            }
            y[i] = sum / l[i][i];
            chiSquare += y[i] * y[i];
        }
        return chiSquare;
    }
}
