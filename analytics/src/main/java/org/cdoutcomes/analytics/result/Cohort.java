package org.cdoutcomes.analytics.result;

import java.time.LocalDate;

/** The analysed cohort; {@code from}/{@code to} are null when not given. */
public record Cohort(LocalDate from, LocalDate to, LocalDate asOf, int patients, int cycles, int aeWindowDays) {
}
