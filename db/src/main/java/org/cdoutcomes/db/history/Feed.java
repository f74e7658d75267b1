package org.cdoutcomes.db.history;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Items made on a thread of its own and taken, in order, by one other thread: making and taking overlap, and at most
 * {@code batchesAhead} batches of {@code batchSize} items wait in memory. A failure of the maker reaches the taker
 * at the point it happened; closing the feed early (the taker failed) stops the maker at its next hand-over.
 */
final class Feed<T> implements AutoCloseable {
    /** Fills the sink with every item, in order; may throw anything (it is handed to the taker). */
    interface Maker<T> {
        void make(Consumer<T> sink) throws Exception;
    }

    private static final long INTERRUPT_EVERY_MILLIS = 100;

    /** After the last batch (compared by identity). */
    private final List<T> end = new ArrayList<>();
    private final BlockingQueue<List<T>> batches;
    private final Thread thread;
    private volatile Throwable failure;
    private List<T> batch = List.of();
    private int next;

    Feed(String threadName, int batchSize, int batchesAhead, Maker<T> maker) {
        batches = new ArrayBlockingQueue<>(batchesAhead);
        thread = new Thread(() -> run(batchSize, maker), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(int batchSize, Maker<T> maker) {
        try {
            List<T> filling = new ArrayList<>(batchSize);
            maker.make(item -> {
                filling.add(item);
                if (filling.size() == batchSize) {
                    handOver(List.copyOf(filling));
                    filling.clear();
                }
            });
            if (!filling.isEmpty()) {
                handOver(List.copyOf(filling));
            }
            handOver(end);
        } catch (TakerGone e) {
            // the taker closed the feed: nobody waits for what is left
        } catch (Throwable e) {
            failure = e; // an Error too: the taker must not wait for an end that never comes
            try {
                handOver(end);
            } catch (TakerGone ignored) {
                // the taker is gone too: its own failure is the one reported
            }
        }
    }

    private void handOver(List<T> items) {
        try {
            batches.put(items);
        } catch (InterruptedException e) {
            throw new TakerGone();
        }
    }

    /** The next item, or null after the last; throws the maker's failure where it happened. */
    T next() {
        if (next == batch.size()) {
            if (batch == end) {
                return null;
            }
            batch = take();
            next = 0;
            if (batch == end) {
                rethrowFailure();
                return null;
            }
        }
        return batch.get(next++);
    }

    private List<T> take() {
        try {
            return batches.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading patient histories", e);
        }
    }

    private void rethrowFailure() {
        Throwable e = failure;
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        if (e != null) {
            throw new IllegalStateException("cannot read patient histories", e);
        }
    }

    /** Stops the maker if it is still making, and waits for its thread to end. */
    @Override
    public void close() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            // again and again: what the maker runs may swallow an interrupt (a driver's read), then block on a full
            // queue for good (cdo analyze hung so when out of memory)
            thread.interrupt();
            try {
                thread.join(INTERRUPT_EVERY_MILLIS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The making thread was interrupted: the taker stopped taking. */
    private static final class TakerGone extends RuntimeException {
        TakerGone() {
            super(null, null, false, false);
        }
    }
}
