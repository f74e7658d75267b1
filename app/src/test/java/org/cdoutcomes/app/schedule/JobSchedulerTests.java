package org.cdoutcomes.app.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.support.CronExpression;

class JobSchedulerTests {
    private static final CronExpression EVERY_10_SECONDS = CronExpression.parse("*/10 * * * * *");
    private static final LocalDateTime DUE = LocalDateTime.of(2026, 12, 6, 18, 49, 30);

    /** A run due at 18:49:30 that ends at 18:50:05 on a 10-second schedule: 18:49:40, 18:49:50 and 18:50:00 fell due meanwhile. */
    @Test
    void theStartsThatFellDueWhileTheJobRanAreSaidToBeSkipped() {
        assertEquals(Optional.of("3 scheduled starts of job run due from 2026-12-06 18:49:40 to 2026-12-06 18:50:00 skipped: "
                + "it was still running"), JobScheduler.skippedStarts("run", EVERY_10_SECONDS, DUE, LocalDateTime.of(2026, 12, 6, 18, 50, 5)));
        assertEquals(Optional.of("Scheduled start of job run due at 2026-12-06 18:49:40 skipped: it was still running"),
                JobScheduler.skippedStarts("run", EVERY_10_SECONDS, DUE, DUE.withSecond(45)));
        assertEquals(Optional.empty(), JobScheduler.skippedStarts("run", EVERY_10_SECONDS, DUE, DUE.withSecond(39)));
    }

    /** Spring may fire a start a little early (18:49:29.8 for 18:49:30): its own due time is not a skipped start. */
    @Test
    void theRunsOwnStartIsNotASkippedOne() {
        assertEquals(Optional.empty(), JobScheduler.skippedStarts("run", EVERY_10_SECONDS, DUE, DUE.withNano(500_000_000)));
    }
}
