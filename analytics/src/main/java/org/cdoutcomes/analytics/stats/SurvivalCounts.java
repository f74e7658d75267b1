package org.cdoutcomes.analytics.stats;

import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Sufficient statistics of one Kaplan-Meier stratum: events and censorings per whole day.
 * Memory grows with distinct days, not with cycles.
 */
public final class SurvivalCounts {
    private final NavigableMap<Integer, int[]> byDay = new TreeMap<>();

    public void addEvent(int day) {
        counts(day)[0]++;
    }

    public void addCensored(int day) {
        counts(day)[1]++;
    }

    private int[] counts(int day) {
        if (day < 0) {
            throw new IllegalArgumentException("negative time " + day);
        }
        return byDay.computeIfAbsent(day, d -> new int[2]);
    }

    /** Day to {events, censored}, ascending; read-only use. */
    public NavigableMap<Integer, int[]> byDay() {
        return byDay;
    }

    public int n() {
        return byDay.values().stream().mapToInt(c -> c[0] + c[1]).sum();
    }

    public boolean isEmpty() {
        return byDay.isEmpty();
    }
}
