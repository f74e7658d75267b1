package org.cdoutcomes.analytics.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.cdoutcomes.analytics.result.CurvePoint;
import org.cdoutcomes.analytics.result.KaplanMeierSummary;

/**
 * Kaplan-Meier estimate with Greenwood variance, log-log pointwise 95% bands (R survival conf.type = "log-log")
 * and the quantile rules of R's quantile.survfit (analytics.md).
 */
public final class KaplanMeier {
    /** quantile.survfit's default tolerance, sqrt(.Machine$double.eps) rounded as analytics.md states it. */
    static final double QUANTILE_TOLERANCE = 1.5e-8;

    private KaplanMeier() {
    }

    /** The stratum's summary: n, events, censored, median with its interval, q1, q3 and the curve. */
    public static KaplanMeierSummary summarize(String by, String value, SurvivalCounts counts) {
        int n = counts.n();
        int atRisk = n;
        int events = 0;
        int censored = 0;
        double survival = 1.0;
        // Greenwood's sum of d / (n (n - d)): the variance of log S, i.e. survfit's std.err squared.
        double greenwood = 0.0;
        List<CurvePoint> curve = new ArrayList<>();
        for (int day = 0; day <= counts.lastDay(); day++) {
            int d = counts.events(day);
            int c = counts.censored(day);
            if (d + c == 0) {
                continue;
            }
            if (d > 0) {
                survival *= (double) (atRisk - d) / atRisk;
                greenwood += d < atRisk ? (double) d / ((double) atRisk * (atRisk - d)) : Double.POSITIVE_INFINITY;
            }
            curve.add(point(day, atRisk, d, c, survival, greenwood));
            events += d;
            censored += c;
            atRisk -= d + c;
        }
        int lastDay = curve.isEmpty() ? 0 : curve.get(curve.size() - 1).day();
        return new KaplanMeierSummary(by, value, n, events, censored,
                quantile(curve, CurvePoint::survival, 0.5, lastDay),
                quantile(curve, CurvePoint::ciLower, 0.5, lastDay),
                quantile(curve, CurvePoint::ciUpper, 0.5, lastDay),
                quantile(curve, CurvePoint::survival, 0.75, lastDay),
                quantile(curve, CurvePoint::survival, 0.25, lastDay),
                curve);
    }

    private static CurvePoint point(int day, int atRisk, int events, int censored, double survival, double greenwood) {
        if (survival == 1.0) {
            return new CurvePoint(day, atRisk, events, censored, survival, 1.0, 1.0);
        }
        if (survival == 0.0) {
            return new CurvePoint(day, atRisk, events, censored, survival, null, null);
        }
        // R's survfit_confint: log(-log S) +- z * se / |log S|, back-transformed; same operations, same rounding.
        double logLog = Math.log(-Math.log(survival));
        double shift = Proportions.Z * Math.sqrt(greenwood) / Math.log(survival);
        double lower = Math.exp(-Math.exp(logLog - shift));
        double upper = Math.exp(-Math.exp(logLog + shift));
        return new CurvePoint(day, atRisk, events, censored, survival, lower, upper);
    }

    /**
     * The time where the curve falls to level (S scale), per analytics.md after quantile.survfit: the first time
     * with value <= level + tol; when that value equals level within tol, the midpoint with the first later time
     * below level - tol, else with the stratum's last time. Points without a value (band where S = 0) are skipped.
     */
    static Double quantile(List<CurvePoint> curve, Function<CurvePoint, Double> valueOf, double level, int lastDay) {
        int first = -1;
        for (int i = 0; i < curve.size() && first < 0; i++) {
            Double v = valueOf.apply(curve.get(i));
            if (v != null && v <= level + QUANTILE_TOLERANCE) {
                first = i;
            }
        }
        if (first < 0) {
            return null;
        }
        double t1 = curve.get(first).day();
        if (valueOf.apply(curve.get(first)) < level - QUANTILE_TOLERANCE) {
            return t1;
        }
        for (int i = first + 1; i < curve.size(); i++) {
            Double v = valueOf.apply(curve.get(i));
            if (v != null && v < level - QUANTILE_TOLERANCE) {
                return (t1 + curve.get(i).day()) / 2.0;
            }
        }
        return (t1 + lastDay) / 2.0;
    }

    /** S(t) of a summarised curve at day t (the last step at or before t); null beyond the stratum's last time. */
    public static Double survivalAt(KaplanMeierSummary summary, int day) {
        List<CurvePoint> curve = summary.curve();
        if (curve.isEmpty() || day > curve.get(curve.size() - 1).day()) {
            return null;
        }
        if (day < curve.get(0).day()) {
            return 1.0;
        }
        // Binary search for the last point with point.day <= day.
        int lo = 0;
        int hi = curve.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (curve.get(mid).day() <= day) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return curve.get(lo).survival();
    }
}
