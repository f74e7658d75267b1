package org.cdoutcomes.analytics;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.cdoutcomes.model.vocabulary.Codes;
import org.cdoutcomes.model.vocabulary.MuscleGroups;

/**
 * What to analyse (analytics.md, "Cohort and data cutoff"). {@code asOf} is required: the caller resolves its
 * default (the latest stored date) before the single pass over the histories starts. {@code from}/{@code to} are
 * inclusive and null when open; a {@code quarter}, when given, is the period and fixes them. Empty (or null)
 * {@code sites} keeps every site.
 */
public record AnalysisOptions(LocalDate asOf, LocalDate from, LocalDate to, Quarter quarter, Set<String> sites,
                              int aeWindowDays, int followUpDays, boolean firstCycleOnly, MuscleGroups muscleGroups) {
    public static final int DEFAULT_AE_WINDOW_DAYS = 28;
    public static final int DEFAULT_FOLLOW_UP_DAYS = 180;

    public AnalysisOptions {
        Objects.requireNonNull(asOf, "the data cutoff (as_of) must be given");
        Objects.requireNonNull(muscleGroups, "muscle groups");
        if (quarter != null) {
            if ((from != null && !from.equals(quarter.first())) || (to != null && !to.equals(quarter.last()))) {
                throw new IllegalArgumentException("give either a quarter or from/to, not both");
            }
            from = quarter.first();
            to = quarter.last();
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from (" + from + ") is after to (" + to + ")");
        }
        if (aeWindowDays < 0) {
            throw new IllegalArgumentException("ae window days must be 0 or more, not " + aeWindowDays);
        }
        if (followUpDays < 0) {
            throw new IllegalArgumentException("follow-up days must be 0 or more, not " + followUpDays);
        }
        Set<String> trimmed = new TreeSet<>();
        for (String site : sites == null ? Set.<String>of() : sites) {
            // as ids in the files are trimmed: no-break spaces too (String.trim keeps them)
            trimmed.add(Codes.strip(site));
        }
        sites = Set.copyOf(trimmed);
    }

    /** Every cycle up to the cutoff, default window and follow-up, default muscle groups. */
    public static AnalysisOptions defaults(LocalDate asOf) {
        return new AnalysisOptions(asOf, null, null, null, Set.of(), DEFAULT_AE_WINDOW_DAYS, DEFAULT_FOLLOW_UP_DAYS,
                false, MuscleGroups.defaults());
    }

    public AnalysisOptions withPeriod(LocalDate newFrom, LocalDate newTo) {
        return new AnalysisOptions(asOf, newFrom, newTo, null, sites, aeWindowDays, followUpDays, firstCycleOnly, muscleGroups);
    }

    public AnalysisOptions withQuarter(Quarter newQuarter) {
        return new AnalysisOptions(asOf, null, null, newQuarter, sites, aeWindowDays, followUpDays, firstCycleOnly, muscleGroups);
    }

    public AnalysisOptions withSites(Set<String> newSites) {
        return new AnalysisOptions(asOf, from, to, quarter, newSites, aeWindowDays, followUpDays, firstCycleOnly, muscleGroups);
    }

    public AnalysisOptions withAeWindowDays(int days) {
        return new AnalysisOptions(asOf, from, to, quarter, sites, days, followUpDays, firstCycleOnly, muscleGroups);
    }

    public AnalysisOptions withFollowUpDays(int days) {
        return new AnalysisOptions(asOf, from, to, quarter, sites, aeWindowDays, days, firstCycleOnly, muscleGroups);
    }

    public AnalysisOptions withFirstCycleOnly(boolean only) {
        return new AnalysisOptions(asOf, from, to, quarter, sites, aeWindowDays, followUpDays, only, muscleGroups);
    }

    /** The period's label in the report: the quarter, or {@code from..to} with open ends left empty. */
    public String periodLabel() {
        if (quarter != null) {
            return quarter.toString();
        }
        return (from == null ? "" : from.toString()) + ".." + (to == null ? "" : to.toString());
    }
}
