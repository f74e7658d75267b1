package org.cdoutcomes.analytics.cohort;

import java.util.Map;
import java.util.TreeMap;
import org.cdoutcomes.analytics.stats.Quantiles;

/** Values as value -> count, so memory grows with distinct values (days, doses), not with observations. */
public final class ValueHistogram {
    private final TreeMap<Double, Integer> counts = new TreeMap<>();
    private int size;

    public void add(double value) {
        counts.merge(value, 1, Integer::sum);
        size++;
    }

    public int size() {
        return size;
    }

    /** The p-quantiles as R's quantile() type 7, in the order asked; null when there are no values. */
    public double[] quantiles(double... ps) {
        if (size == 0) {
            return null;
        }
        double[] quantiles = new double[ps.length];
        for (int i = 0; i < ps.length; i++) {
            quantiles[i] = quantile(ps[i]);
        }
        return quantiles;
    }

    /**
     * Type 7 interpolates between the order statistics at floor((n-1)p) and the next one. Only those two are
     * looked up, and the kernel interpolates them as a two-value sample at the fractional part of (n-1)p, which
     * is the same arithmetic as on the whole sorted sample, without expanding it.
     */
    private double quantile(double p) {
        double index = (size - 1) * p;
        int lo = (int) Math.floor(index);
        double[] pair = {orderStatistic(lo), orderStatistic(Math.min(lo + 1, size - 1))};
        return Quantiles.type7(pair, index - lo);
    }

    /** The value at 0-based rank i of the sorted sample. */
    private double orderStatistic(int i) {
        int seen = 0;
        for (Map.Entry<Double, Integer> entry : counts.entrySet()) {
            seen += entry.getValue();
            if (i < seen) {
                return entry.getKey();
            }
        }
        throw new IndexOutOfBoundsException(i);
    }

    /** Value to count, ascending (read-only use). */
    public Map<Double, Integer> counts() {
        return counts;
    }
}
