package org.cdoutcomes.app.jobs;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * SIGTERM or Ctrl-C asking {@code cdo run} or {@code cdo schedule} to stop, listened for from the command's start,
 * instead of the JVM's abrupt exit with status 143/130: the command stops its job cleanly and exits 0, and a signal
 * while it starts (the embedded server starting, the schema migrating) no longer ends it amid the errors of its
 * interrupted start-up. A second signal quits at once (status 130). Where a signal does not exist (SIGTERM on
 * Windows) the JVM's default stays.
 */
public final class StopRequest {
    private final AtomicBoolean asked = new AtomicBoolean();
    private final List<Runnable> actions = new CopyOnWriteArrayList<>();

    private StopRequest() {
    }

    /** Listens for the signals from now on; {@code notice} is printed on err when the first one comes. */
    public static StopRequest listen(PrintWriter err, String notice) {
        return listen(err::println, notice);
    }

    /** Listens for the signals from now on; {@code notice} is said (printed, logged) when the first one comes. */
    public static StopRequest listen(Consumer<String> say, String notice) {
        StopRequest request = new StopRequest();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> request.stop(say, notice));
            } catch (IllegalArgumentException unsupported) {
                // this platform has no such signal
            }
        }
        return request;
    }

    private void stop(Consumer<String> say, String notice) {
        if (asked.getAndSet(true)) {
            System.exit(130);
        }
        say.accept(notice + " (press Ctrl-C again to quit at once)...");
        actions.forEach(Runnable::run);
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
