package org.cdoutcomes.app.schedule;

import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.cdoutcomes.app.pipeline.BadSettingException;
import org.springframework.scheduling.support.CronExpression;

/**
 * The {@code schedules} setting: job name to cron expression. Takes the five fields of crontab
 * ({@code minute hour day-of-month month day-of-week}), Spring's six (seconds first) and macros such as
 * {@code @weekly}; the quarterly report on the first day of each quarter at 07:00 is {@code 0 7 1 1,4,7,10 *}.
 */
public final class CronSchedules {
    private CronSchedules() {
    }

    /**
     * @throws BadSettingException naming {@code schedules.<job>} and what it expects
     */
    public static Map<String, CronExpression> parse(Map<String, String> schedules, Set<String> jobNames) {
        Map<String, CronExpression> parsed = new TreeMap<>();
        schedules.forEach((job, cron) -> {
            if (!jobNames.contains(job)) {
                throw BadSettingException.noSuchJob(job, jobNames);
            }
            parsed.put(job, parse(job, cron));
        });
        return parsed;
    }

    static CronExpression parse(String job, String cron) {
        String trimmed = cron == null ? "" : cron.trim();
        String spring = trimmed.split("\\s+").length == 5 ? "0 " + trimmed : trimmed;
        CronExpression expression;
        try {
            expression = CronExpression.parse(spring);
        } catch (IllegalArgumentException e) {
            throw new BadSettingException("schedules." + job + ": '" + cron + "' is not a cron expression; expected five fields"
                    + " (minute hour day-of-month month day-of-week, for example '0 6 * * MON') or a macro such as @weekly");
        }
        // a day that no month has (30 February) parses, and would never start the job
        if (expression.next(LocalDateTime.now()) == null) {
            throw new BadSettingException("schedules." + job + ": '" + cron + "' never falls due (no month has that day); "
                    + "expected a day that comes, for example '0 6 28 2 *'");
        }
        return expression;
    }
}
