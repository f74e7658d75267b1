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
        double[] sorted = sortedValues();
        double[] quantiles = new double[ps.length];
        for (int i = 0; i < ps.length; i++) {
            quantiles[i] = Quantiles.type7(sorted, ps[i]);
        }
        return quantiles;
    }

    private double[] sortedValues() {
        double[] values = new double[size];
        int i = 0;
        for (Map.Entry<Double, Integer> entry : counts.entrySet()) {
            for (int c = 0; c < entry.getValue(); c++) {
                values[i++] = entry.getKey();
            }
        }
        return values;
    }

    /** Value to count, ascending (read-only use). */
    public Map<Double, Integer> counts() {
        return counts;
    }
}
