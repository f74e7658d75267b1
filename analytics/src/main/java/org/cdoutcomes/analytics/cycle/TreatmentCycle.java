package org.cdoutcomes.analytics.cycle;

import static java.time.temporal.ChronoUnit.DAYS;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.cdoutcomes.model.record.Visit;
import org.cdoutcomes.model.vocabulary.Product;

/**
 * A cycle of one patient (the patient's cycles come in session order), from its session on {@code start} to its
 * end {@code end} (e_k of analytics.md). The session's product and site are those of its first visit; its muscles
 * are those of all its {@code visits} (in session order), each injected with its own visit's product. {@code onset}
 * is the earliest relief onset in the cycle, {@code wearOff} the earliest wear-off on or after it (both may be null). {@code sideEffectTerms} are the adverse-event terms in the risk window;
 * they matter only when {@code countedForSideEffects}.
 */
public record TreatmentCycle(LocalDate start, LocalDate end, boolean closed, boolean lostToFollowUp,
                             String siteId, List<Visit> visits,
                             LocalDate onset, LocalDate wearOff,
                             boolean countedForSideEffects, SortedSet<String> sideEffectTerms) {
    public TreatmentCycle {
        visits = List.copyOf(visits);
        // Most cycles have no term: they share the empty set rather than each copying one.
        sideEffectTerms = sideEffectTerms.isEmpty() ? Collections.emptySortedSet()
                : Collections.unmodifiableSortedSet(new TreeSet<>(sideEffectTerms));
    }

    /** The session's product: its first visit's. */
    public Product product() {
        return visits.get(0).product();
    }

    /** Time to onset: the onset day, or censored at the cycle's end. */
    public Observation timeToOnset() {
        return onset != null ? Observation.event(days(start, onset)) : Observation.censored(days(start, end));
    }

    /** Duration of relief, null for a cycle without onset. */
    public Observation durationOfRelief() {
        if (onset == null) {
            return null;
        }
        return wearOff != null ? Observation.event(days(onset, wearOff)) : Observation.censored(days(onset, end));
    }

    private static int days(LocalDate from, LocalDate to) {
        return Math.toIntExact(DAYS.between(from, to));
    }
}
