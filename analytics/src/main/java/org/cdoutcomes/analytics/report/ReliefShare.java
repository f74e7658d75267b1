package org.cdoutcomes.analytics.report;

/** KM share still in relief 8, 12 and 16 weeks after onset, per duration stratum; null beyond the stratum's last time. */
public record ReliefShare(String by, String value, Double week8, Double week12, Double week16) {
}
