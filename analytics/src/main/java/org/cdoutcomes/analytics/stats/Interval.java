package org.cdoutcomes.analytics.stats;

/** An estimate with its 95% interval. */
public record Interval(double estimate, double lower, double upper) {
}
