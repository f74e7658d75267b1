package org.cdoutcomes.db.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FeedTests {
    /**
     * A maker that swallows the interrupt closing sends it (as a database driver's read may), then blocks handing over
     * to a full queue: close still ends (it interrupted once and joined for good: cdo analyze hung out of memory).
     */
    @Test
    void closingStopsAMakerThatSwallowedTheFirstInterrupt() throws Exception {
        CountDownLatch queueFull = new CountDownLatch(1);
        AtomicInteger swallowed = new AtomicInteger();
        Feed<Integer> feed = new Feed<>("test-maker", 1, 1, sink -> {
            sink.accept(1); // fills the one place in the queue
            queueFull.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                swallowed.incrementAndGet(); // and goes on, the interrupt lost
            }
            sink.accept(2); // blocks: nobody takes
            sink.accept(3);
        });
        queueFull.await();
        Thread.sleep(50); // the maker asleep
        assertTimeoutPreemptively(Duration.ofSeconds(20), feed::close);
        assertEquals(1, swallowed.get());
    }
}
