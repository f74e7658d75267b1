package org.cdoutcomes.analytics.stats;

import java.util.List;

/** Log-rank test across groups, as R's survdiff (rho = 0). */
public final class LogRank {
    private LogRank() {
    }

    /** chiSquare and pValue null when the variance matrix is singular; all null when fewer than two groups remain. */
    public record Result(Double chiSquare, Integer df, Double pValue) {
    }

    public static Result test(List<SurvivalCounts> groups) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
