package org.cdoutcomes.analytics.cycle;

/** A Kaplan-Meier observation: whole days until the event, or until censoring when {@code event} is false. */
public record Observation(int days, boolean event) {
    public static Observation event(int days) {
        return new Observation(days, true);
    }

    public static Observation censored(int days) {
        return new Observation(days, false);
    }
}
