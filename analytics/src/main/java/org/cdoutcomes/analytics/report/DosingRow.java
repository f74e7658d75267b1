package org.cdoutcomes.analytics.report;

/**
 * Units per injection of one product into one muscle over the period's cycles, one value per cycle (all sides and
 * injection points together): median and quartiles (R type 7).
 */
public record DosingRow(String product, String muscle, int cycles, double median, double q1, double q3) {
}
