package org.cdoutcomes.reporting;

/**
 * Small-cell suppression (report.md): a count from 1 to N-1 is shown as {@code <N}, and every figure derived
 * from such a count as {@code suppressed}. Counts of 0 are shown. N = 0 turns suppression off.
 */
record SmallCells(int threshold) {
    static final String SUPPRESSED = "suppressed";

    SmallCells {
        if (threshold < 0) {
            throw new IllegalArgumentException("suppression threshold must be >= 0, was " + threshold);
        }
    }

    /** False for N = 0 and N = 1: no count lies from 1 to N-1. */
    boolean on() {
        return threshold > 1;
    }

    /** N = 1: no count is small, yet a median over no event is hidden (fewer than N events). */
    boolean mediansOnly() {
        return threshold == 1;
    }

    /** True when this count must not be shown. Null counts (not applicable) are never small. */
    boolean small(Number count) {
        return count != null && count.longValue() >= 1 && count.longValue() < threshold;
    }

    /** True when any of the counts a figure derives from is small. */
    boolean anySmall(Number... counts) {
        for (Number count : counts) {
            if (small(count)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when a Kaplan-Meier median (with its interval and the other quartiles) must not be shown: its events are
     * fewer than N (report.md), none included, or its cycles are a small count. The rest of a curve (its points, the
     * shares read off it) follows the general rule: hidden when its cycles or events are a small count.
     */
    boolean medianHidden(Number cycles, Number events) {
        return small(cycles) || events != null && events.longValue() < threshold;
    }

    /** The range of small counts in words, e.g. {@code 1 to 4}. */
    String range() {
        return threshold == 2 ? "1" : "1 to " + (threshold - 1);
    }

    /** The text shown instead of a small count, e.g. {@code <5}. */
    String mark() {
        return "<" + threshold;
    }
}
