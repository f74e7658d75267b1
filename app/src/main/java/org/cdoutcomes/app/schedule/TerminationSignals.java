package org.cdoutcomes.app.schedule;

import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a call instead of the JVM's abrupt exit with status 143/130, so that the schedule can
 * stop its job cleanly and exit 0. Where a signal does not exist (SIGTERM on Windows) the JVM's default stays.
 */
final class TerminationSignals {
    private TerminationSignals() {
    }

    static void onTermination(Runnable action) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> action.run());
            } catch (IllegalArgumentException unsupported) {
                // this platform has no such signal
            }
        }
    }
}
