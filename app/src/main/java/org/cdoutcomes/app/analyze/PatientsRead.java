package org.cdoutcomes.app.analyze;

import java.util.function.LongConsumer;

/** Progress of a pass over the stored patients: how many there are, then how many were read, after each one. */
@FunctionalInterface
public interface PatientsRead extends LongConsumer {
    /** Told once, before the first patient. */
    default void toRead(long patients) {
    }
}
