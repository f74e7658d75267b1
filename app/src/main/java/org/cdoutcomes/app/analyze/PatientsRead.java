package org.cdoutcomes.app.analyze;

import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/** Progress of a pass over the stored patients: how many there are, then how many were read, after each one. */
@FunctionalInterface
public interface PatientsRead extends LongConsumer {
    /** Told once, before the first patient, how to count the patients (a query: call it only to show the total). */
    default void toRead(LongSupplier patients) {
    }
}
