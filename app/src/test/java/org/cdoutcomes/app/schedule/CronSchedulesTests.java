package org.cdoutcomes.app.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cdoutcomes.app.pipeline.BadSettingException;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.support.CronExpression;

class CronSchedulesTests {
    private static final Set<String> JOBS = Set.of("run", "report");
    /** A Tuesday evening. */
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 24, 21, 0);

    @Test
    void theQuarterlyReportStartsOnTheFirstDayOfEachQuarter() {
        CronExpression quarterly = CronSchedules.parse(Map.of("report", "0 6 1 1,4,7,10 *"), JOBS).get("report");

        assertThat(nextStarts(quarterly, 4)).containsExactly(
                LocalDateTime.of(2027, 1, 1, 6, 0), LocalDateTime.of(2027, 4, 1, 6, 0),
                LocalDateTime.of(2027, 7, 1, 6, 0), LocalDateTime.of(2027, 10, 1, 6, 0));
    }

    @Test
    void theWeeklyRunStartsEveryMonday() {
        CronExpression weekly = CronSchedules.parse(Map.of("run", "30 5 * * MON"), JOBS).get("run");

        assertThat(nextStarts(weekly, 2)).containsExactly(LocalDateTime.of(2026, 11, 30, 5, 30), LocalDateTime.of(2026, 12, 7, 5, 30));
    }

    @Test
    void sixFieldsStartWithSecondsAndMacrosAreAccepted() {
        Map<String, CronExpression> parsed = CronSchedules.parse(Map.of("run", "15 0 6 * * *", "report", "@weekly"), JOBS);

        assertThat(parsed.get("run").next(NOW)).isEqualTo(LocalDateTime.of(2026, 11, 25, 6, 0, 15));
        assertThat(parsed.get("report").next(NOW)).isEqualTo(LocalDateTime.of(2026, 11, 29, 0, 0));
    }

    @Test
    void anUnknownJobIsNamedWithTheJobsThereAre() {
        assertThatThrownBy(() -> CronSchedules.parse(Map.of("weekly", "0 6 * * MON"), JOBS))
                .isInstanceOf(BadSettingException.class)
                .hasMessage("schedules.weekly: no such job; the jobs are report, run");
    }

    @Test
    void aBadExpressionIsNamedWithWhatIsExpected() {
        assertThatThrownBy(() -> CronSchedules.parse(Map.of("run", "every monday"), JOBS))
                .isInstanceOf(BadSettingException.class)
                .hasMessageStartingWith("schedules.run: 'every monday' is not a cron expression; expected five fields");
        assertThatThrownBy(() -> CronSchedules.parse(Map.of("run", "0 6 * * MON 2026 x"), JOBS))
                .isInstanceOf(BadSettingException.class)
                .hasMessageStartingWith("schedules.run: '0 6 * * MON 2026 x' is not a cron expression");
        assertThatThrownBy(() -> CronSchedules.parse(Map.of("run", "0 0 30 2 *"), JOBS))
                .isInstanceOf(BadSettingException.class)
                .hasMessageStartingWith("schedules.run: '0 0 30 2 *' never falls due");
    }

    private static List<LocalDateTime> nextStarts(CronExpression cron, int count) {
        List<LocalDateTime> starts = new ArrayList<>();
        LocalDateTime at = NOW;
        for (int i = 0; i < count; i++) {
            at = cron.next(at);
            starts.add(at);
        }
        return starts;
    }
}
