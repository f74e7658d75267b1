package org.cdoutcomes.app.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.TriggerContext;
import org.springframework.scheduling.support.CronExpression;

/**
 * A cron expression read on the wall clock of a time zone, as cron reads it: each local time falls due once. When the
 * clocks go back, the repeated hour's starts are not started again (Spring's CronTrigger started a 02:30 job twice
 * that night); when they go forward, a start due in the skipped hour comes at the change (Spring's skipped it until
 * the next day). Like Spring's, the next start is reckoned from the end of the last run.
 */
final class WallClockCronTrigger implements Trigger {
    private final CronExpression cron;
    private final ZoneId zone;

    WallClockCronTrigger(CronExpression cron, ZoneId zone) {
        this.cron = cron;
        this.zone = zone;
    }

    @Override
    public Instant nextExecution(TriggerContext context) {
        Instant completed = context.lastCompletion();
        if (completed == null) {
            return next(LocalDateTime.ofInstant(context.getClock().instant(), zone));
        }
        // a run that ends in the repeated hour ends at a wall-clock time before its start: reckon from the later
        LocalDateTime after = LocalDateTime.ofInstant(completed, zone);
        Instant scheduled = context.lastScheduledExecution();
        if (scheduled != null && LocalDateTime.ofInstant(scheduled, zone).isAfter(after)) {
            after = LocalDateTime.ofInstant(scheduled, zone);
        }
        return next(after);
    }

    /** The first start after the wall-clock time, or null when the expression never falls due again. */
    Instant next(LocalDateTime after) {
        LocalDateTime due = cron.next(after);
        if (due == null) {
            return null;
        }
        ZoneRules rules = zone.getRules();
        // no such local time (the clocks skip it): the moment they do; a repeated one: its first occurrence
        return rules.getValidOffsets(due).isEmpty() ? rules.getTransition(due).getInstant() : due.atZone(zone).toInstant();
    }
}
