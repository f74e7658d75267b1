package org.cdoutcomes.analytics.cohort;

import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;
import org.cdoutcomes.analytics.stats.Quantiles;

/**
 * Values as value -> count, so memory grows with distinct values (days, doses), not with observations. The pass
 * adds a value per cycle or injection, so the map is a primitive hash table, sorted only when quantiles are read.
 */
public final class ValueHistogram {
    private static final int INITIAL_CAPACITY = 16;

    /** Open addressing with linear probing on the values' bits, at most half full; a slot is free while its count is 0. */
    private long[] keys = new long[INITIAL_CAPACITY];
    private int[] counts = new int[INITIAL_CAPACITY];
    private int distinct;
    private int size;

    public void add(double value) {
        if (2 * (distinct + 1) > keys.length) {
            grow();
        }
        // Canonical bits: one key per value as Double.compare sees them (-0.0 and 0.0 apart, every NaN together).
        long key = Double.doubleToLongBits(value);
        int slot = slotOf(key);
        if (counts[slot] == 0) {
            keys[slot] = key;
            distinct++;
        }
        counts[slot]++;
        size++;
    }

    /** The slot holding the key, else the free slot where it goes. */
    private int slotOf(long key) {
        int mask = keys.length - 1;
        // Fibonacci hashing: the product's top bits depend on every bit of the key, and values as whole numbers
        // differ only in their top bits.
        int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> Long.numberOfLeadingZeros(mask));
        while (counts[slot] != 0 && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldCounts = counts;
        keys = new long[2 * oldKeys.length];
        counts = new int[2 * oldKeys.length];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldCounts[i] != 0) {
                int slot = slotOf(oldKeys[i]);
                keys[slot] = oldKeys[i];
                counts[slot] = oldCounts[i];
            }
        }
    }

    public int size() {
        return size;
    }

    /** The p-quantiles as R's quantile() type 7, in the order asked; null when there are no values. */
    public double[] quantiles(double... ps) {
        if (size == 0) {
            return null;
        }
        double[] values = sortedValues();
        double[] quantiles = new double[ps.length];
        for (int i = 0; i < ps.length; i++) {
            quantiles[i] = quantile(values, ps[i]);
        }
        return quantiles;
    }

    /** Only the two order statistics around the quantile are looked up, without expanding the sample. */
    private double quantile(double[] sortedValues, double p) {
        return Quantiles.type7(size, rank -> orderStatistic(sortedValues, rank), p);
    }

    /** The value at 0-based rank i of the sorted sample. */
    private double orderStatistic(double[] sortedValues, long i) {
        long seen = 0;
        for (double value : sortedValues) {
            seen += count(value);
            if (i < seen) {
                return value;
            }
        }
        throw new IndexOutOfBoundsException(Long.toString(i));
    }

    /** The distinct values in Double.compare order, as a TreeMap of them would list them. */
    private double[] sortedValues() {
        double[] values = new double[distinct];
        int next = 0;
        for (int i = 0; i < keys.length; i++) {
            if (counts[i] != 0) {
                values[next++] = Double.longBitsToDouble(keys[i]);
            }
        }
        Arrays.sort(values);
        return values;
    }

    private int count(double value) {
        return counts[slotOf(Double.doubleToLongBits(value))];
    }

    /** Value to count, ascending: a copy. */
    public SortedMap<Double, Integer> counts() {
        SortedMap<Double, Integer> sorted = new TreeMap<>();
        for (double value : sortedValues()) {
            sorted.put(value, count(value));
        }
        return sorted;
    }
}
