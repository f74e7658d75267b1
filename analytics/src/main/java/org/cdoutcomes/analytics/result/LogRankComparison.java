package org.cdoutcomes.analytics.result;

import java.util.List;

/** Log-rank test across products for one metric ({@code time_to_onset} or {@code duration_of_relief}). */
public record LogRankComparison(String metric, String by, List<String> groups, Double chiSquare, Integer df, Double pValue) {
    public LogRankComparison {
        groups = List.copyOf(groups);
    }
}
