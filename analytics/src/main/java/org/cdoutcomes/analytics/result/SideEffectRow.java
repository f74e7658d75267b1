package org.cdoutcomes.analytics.result;

/**
 * One side-effect rate: a muscle group (or {@code any}) and a term (or {@code any}).
 * Unexposed counts are null for the group {@code any}; relative risk, its interval and Fisher p are null when n0 = 0.
 */
public record SideEffectRow(String muscleGroup, String term,
                            int exposedCycles, int exposedEvents, double rate, double ciLower, double ciUpper,
                            Integer unexposedCycles, Integer unexposedEvents,
                            Double relativeRisk, Double rrCiLower, Double rrCiUpper, Double fisherP) {
}
