package org.cdoutcomes.analytics.cycle;

import java.util.List;

/**
 * One patient's treatment cycles up to the cutoff, in order, with the data-quality notes their records gave:
 * records naming a visit of another session, wear-offs without (or before) their cycle's onset, and relief or
 * adverse-event records that belong to no cycle.
 */
public record PatientCycles(List<TreatmentCycle> cycles, int visitIdMismatches, int wearOffsWithoutOnset,
                            int recordsWithoutCycle) {
    public PatientCycles {
        cycles = List.copyOf(cycles);
    }
}
