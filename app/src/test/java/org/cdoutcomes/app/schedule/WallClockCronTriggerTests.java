package org.cdoutcomes.app.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.SimpleTriggerContext;

/**
 * Berlin in 2026: the clocks go forward on 29 March at 02:00 CET (01:00 UTC) to 03:00 CEST, and back on 25 October
 * at 03:00 CEST (01:00 UTC) to 02:00 CET. Expected instants in UTC, worked out from those two changes.
 */
class WallClockCronTriggerTests {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final CronExpression DAILY_AT_0230 = CronExpression.parse("0 30 2 * * *");

    private static Instant after(WallClockCronTrigger trigger, String scheduled, String completed) {
        return trigger.nextExecution(new SimpleTriggerContext(Instant.parse(scheduled), Instant.parse(scheduled), Instant.parse(completed)));
    }

    /** 02:30 comes twice on 25 October (00:30 and 01:30 UTC): the job starts at the first only, as cron starts it. */
    @Test
    void aTimeTheClocksRepeatFallsDueOnce() {
        WallClockCronTrigger trigger = new WallClockCronTrigger(DAILY_AT_0230, BERLIN);
        assertEquals(Instant.parse("2026-10-25T00:30:00Z"), after(trigger, "2026-10-24T00:30:00Z", "2026-10-24T00:30:05Z"));
        assertEquals(Instant.parse("2026-10-26T01:30:00Z"), after(trigger, "2026-10-25T00:30:00Z", "2026-10-25T00:30:05Z"));
        // started at 02:40 in the first pass of the hour: 02:30 of the second pass has gone by on the wall clock too
        assertEquals(Instant.parse("2026-10-26T01:30:00Z"),
                trigger.nextExecution(new SimpleTriggerContext(Clock.fixed(Instant.parse("2026-10-25T00:40:00Z"), ZoneOffset.UTC))));
    }

    /** A run started at 02:30 CEST that ends at 02:10 CET, before its start on the wall clock: the next is 03:00, once. */
    @Test
    void aRunEndingInTheRepeatedHourIsNotStartedAgainInIt() {
        WallClockCronTrigger halfHourly = new WallClockCronTrigger(CronExpression.parse("0 0/30 * * * *"), BERLIN);
        assertEquals(Instant.parse("2026-10-25T02:00:00Z"), after(halfHourly, "2026-10-25T00:30:00Z", "2026-10-25T01:10:00Z"));
    }

    /** 02:30 does not come on 29 March: the day's start comes at the change, 03:00 CEST, and the next day's as usual. */
    @Test
    void aTimeTheClocksSkipFallsDueAtTheChange() {
        WallClockCronTrigger trigger = new WallClockCronTrigger(DAILY_AT_0230, BERLIN);
        assertEquals(Instant.parse("2026-03-29T01:00:00Z"), after(trigger, "2026-03-28T01:30:00Z", "2026-03-28T01:30:05Z"));
        assertEquals(Instant.parse("2026-03-30T00:30:00Z"), after(trigger, "2026-03-29T01:00:00Z", "2026-03-29T01:00:05Z"));

        WallClockCronTrigger hourly = new WallClockCronTrigger(CronExpression.parse("0 15 * * * *"), BERLIN);
        assertEquals(Instant.parse("2026-03-29T01:00:00Z"), after(hourly, "2026-03-29T00:15:00Z", "2026-03-29T00:15:02Z"));
        assertEquals(Instant.parse("2026-03-29T01:15:00Z"), after(hourly, "2026-03-29T01:00:00Z", "2026-03-29T01:00:03Z"));
    }

    /** Away from the changes, a start is its local time in the zone's offset: 06:00 in Berlin in January is 05:00 UTC. */
    @Test
    void anOrdinaryDayIsTheLocalTime() {
        WallClockCronTrigger trigger = new WallClockCronTrigger(CronExpression.parse("0 0 6 * * MON"), BERLIN);
        assertEquals(Instant.parse("2027-01-04T05:00:00Z"), after(trigger, "2026-12-28T05:00:00Z", "2026-12-28T05:20:00Z"));
    }
}
