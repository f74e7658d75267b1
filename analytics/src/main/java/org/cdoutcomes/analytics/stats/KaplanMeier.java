package org.cdoutcomes.analytics.stats;

import org.cdoutcomes.analytics.result.KaplanMeierSummary;

/**
 * Kaplan-Meier estimate with Greenwood variance, log-log pointwise 95% bands (R survival conf.type = "log-log")
 * and the quantile rules of R's quantile.survfit (analytics.md).
 */
public final class KaplanMeier {
    private KaplanMeier() {
    }

    /** The stratum's summary: n, events, censored, median with its interval, q1, q3 and the curve. */
    public static KaplanMeierSummary summarize(String by, String value, SurvivalCounts counts) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** S(t) of a summarised curve at day t (the last step at or before t); null beyond the stratum's last time. */
    public static Double survivalAt(KaplanMeierSummary summary, int day) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
