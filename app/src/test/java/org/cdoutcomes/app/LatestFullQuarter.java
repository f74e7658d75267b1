package org.cdoutcomes.app;

import java.time.LocalDate;

/**
 * The default report period worked out independently of the analytics' Quarter: the quarter that ended last before
 * the day (not on it: a quarter is full the day after its last).
 */
public record LatestFullQuarter(String label, LocalDate first, LocalDate last) {
    public static LatestFullQuarter before(LocalDate today) {
        LocalDate day = today.minusDays(1);
        int number = (day.getMonthValue() - 1) / 3 + 1;
        LocalDate first = LocalDate.of(day.getYear(), number * 3 - 2, 1);
        LocalDate last = first.plusMonths(3).minusDays(1);
        if (!day.equals(last)) {
            first = first.minusMonths(3);
            last = first.plusMonths(3).minusDays(1);
        }
        return new LatestFullQuarter(first.getYear() + "-Q" + ((first.getMonthValue() - 1) / 3 + 1), first, last);
    }
}
