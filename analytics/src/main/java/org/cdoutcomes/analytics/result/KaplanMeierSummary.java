package org.cdoutcomes.analytics.result;

import java.util.List;

/** One Kaplan-Meier stratum: {@code by} is all, product or muscle_group. Null quantiles: S never reaches them. */
public record KaplanMeierSummary(String by, String value, int n, int events, int censored,
                                 Double median, Double medianCiLower, Double medianCiUpper, Double q1, Double q3,
                                 List<CurvePoint> curve) {
    public KaplanMeierSummary {
        curve = List.copyOf(curve);
    }
}
