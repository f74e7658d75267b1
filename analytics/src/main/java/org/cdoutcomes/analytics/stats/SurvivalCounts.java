package org.cdoutcomes.analytics.stats;

import java.util.Arrays;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Sufficient statistics of one Kaplan-Meier stratum: events and censorings per whole day.
 * Held in an array indexed by day, because the pass adds to several strata per cycle: memory grows with the
 * largest day (the data's time span), not with cycles.
 */
public final class SurvivalCounts {
    private static final int EVENT = 0;
    private static final int CENSORED = 1;

    /** Events of day t at [2t], censorings at [2t + 1]. */
    private int[] counts = new int[0];
    private int n;
    private int lastDay = -1;

    public void addEvent(int day) {
        add(day, EVENT);
    }

    public void addCensored(int day) {
        add(day, CENSORED);
    }

    private void add(int day, int kind) {
        if (day < 0) {
            throw new IllegalArgumentException("negative time " + day);
        }
        int at = 2 * day;
        if (at >= counts.length) {
            counts = Arrays.copyOf(counts, Math.max(2 * counts.length, at + 2));
        }
        counts[at + kind]++;
        n++;
        lastDay = Math.max(lastDay, day);
    }

    public int events(int day) {
        return 2 * day < counts.length ? counts[2 * day] : 0;
    }

    public int censored(int day) {
        return 2 * day < counts.length ? counts[2 * day + 1] : 0;
    }

    /** The last day with an event or a censoring, -1 when there are none. */
    public int lastDay() {
        return lastDay;
    }

    /** Day to {events, censored} of the days with any, ascending: a copy. */
    public NavigableMap<Integer, int[]> byDay() {
        NavigableMap<Integer, int[]> byDay = new TreeMap<>();
        for (int day = 0; day <= lastDay; day++) {
            if (events(day) + censored(day) > 0) {
                byDay.put(day, new int[] {events(day), censored(day)});
            }
        }
        return byDay;
    }

    public int n() {
        return n;
    }
}
