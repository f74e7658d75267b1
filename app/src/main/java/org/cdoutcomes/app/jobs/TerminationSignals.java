package org.cdoutcomes.app.jobs;

import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a call instead of the JVM's abrupt exit with status 143/130, so that {@code cdo
 * schedule} and {@code cdo run} can stop their job cleanly and exit 0. Where a signal does not exist (SIGTERM on
 * Windows) the JVM's default stays.
 */
public final class TerminationSignals {
    private TerminationSignals() {
    }

    public static void onTermination(Runnable action) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> action.run());
            } catch (IllegalArgumentException unsupported) {
                // this platform has no such signal
            }
        }
    }
}
