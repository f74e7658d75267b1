package org.cdoutcomes.ingest;

import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.dao.TransientDataAccessException;

/**
 * Batch creates job executions in SERIALIZABLE transactions, so two launched at the same moment on one database (two
 * ingests; a scheduled run and report falling due in the same second) can collide: PostgreSQL fails one of them with
 * "could not serialize access". The loser's creation was rolled back entirely and is simply tried again.
 */
public final class JobLaunches {
    static final int ATTEMPTS = 5;

    private JobLaunches() {
    }

    /** A launch (a start or a restart), tried again after a short random pause while it collides with another. */
    public static <T> T retryingCollisions(Callable<T> launch) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return launch.call();
            } catch (TransientDataAccessException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                Thread.sleep(ThreadLocalRandom.current().nextLong(50, 250L * attempt));
            }
        }
    }
}
