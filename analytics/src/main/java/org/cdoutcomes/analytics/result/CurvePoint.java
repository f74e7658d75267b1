package org.cdoutcomes.analytics.result;

/** One distinct time of a Kaplan-Meier curve; the band is null where S is 0. */
public record CurvePoint(int day, int atRisk, int events, int censored, double survival, Double ciLower, Double ciUpper) {
}
