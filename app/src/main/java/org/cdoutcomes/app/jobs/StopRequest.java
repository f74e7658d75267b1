package org.cdoutcomes.app.jobs;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGTERM or Ctrl-C asking {@code cdo run} or {@code cdo schedule} to stop, listened for from the command's start:
 * without it, a signal while the command starts (the embedded server starting, the schema migrating) ends the JVM at
 * once, with status 143 and the errors of its interrupted start-up. A second signal quits at once (status 130).
 */
public final class StopRequest {
    private final AtomicBoolean asked = new AtomicBoolean();
    private final List<Runnable> actions = new CopyOnWriteArrayList<>();

    private StopRequest() {
    }

    /** Listens for the signals from now on; {@code notice} is printed on err when the first one comes. */
    public static StopRequest listen(PrintWriter err, String notice) {
        StopRequest request = new StopRequest();
        TerminationSignals.onTermination(() -> {
            if (request.asked.getAndSet(true)) {
                System.exit(130);
            }
            err.println(notice + " (press Ctrl-C again to quit at once)...");
            request.actions.forEach(Runnable::run);
        });
        return request;
    }

    /** Runs {@code action} when the stop is asked for, or now when it was already (running it twice must be harmless). */
    public void onStop(Runnable action) {
        actions.add(action);
        if (asked.get()) {
            action.run();
        }
    }

    public boolean asked() {
        return asked.get();
    }
}
