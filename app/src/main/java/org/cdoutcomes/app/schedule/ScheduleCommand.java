package org.cdoutcomes.app.schedule;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.cdoutcomes.app.cli.CdoContext;
import org.cdoutcomes.app.cli.DatabaseOptions;
import org.cdoutcomes.app.jobs.JobRuns;
import org.cdoutcomes.app.jobs.StopRequest;
import org.cdoutcomes.app.pipeline.BadSettingException;
import org.cdoutcomes.app.pipeline.ClinicPipelineConfiguration;
import org.cdoutcomes.app.pipeline.PipelineLauncher;
import org.cdoutcomes.app.pipeline.PipelineSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.support.CronExpression;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cdo schedule}: stays running and starts the configured jobs on their cron expressions. */
@Command(name = "schedule",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        headerHeading = "%n",
        header = "Stays running and starts the configured jobs on their cron expressions.",
        description = {
                "Starts the jobs the schedules setting names, each on its cron expression:",
                "run (the pipeline of cdo run over the inbox) and report (the quarterly",
                "report alone). In cdo.yml:",
                "",
                "  schedules:",
                "    run: \"0 6 * * MON\"           # Mondays at 06:00",
                "    report: \"0 7 1 1,4,7,10 *\"   # 07:00 on the first day of each quarter",
                "",
                "or as CDO_SCHEDULES_RUN / CDO_SCHEDULES_REPORT. A cron expression has five",
                "fields (minute hour day-of-month month day-of-week), six with seconds",
                "first, or is a macro such as @daily or @weekly. Times are the system's wall",
                "clock, as cron reads them: a time the clocks repeat starts its job once, a",
                "time they skip (02:30 on the night they go forward) starts it at the change.",
                "",
                "A start that finds its job still running (from an earlier start, another",
                "scheduler or a manual cdo run) is skipped, saying so in one log line.",
                "SIGTERM or Ctrl-C lets the running step finish, stops the job there",
                "(cdo restart ID resumes it) and exits 0.",
                ""},
        footer = {"",
                "Example:",
                "  CDO_SCHEDULES_RUN='0 6 * * *' cdo schedule",
                "      the pipeline every day at 06:00, until stopped",
                "",
                "Exit status: 0 stopped by SIGTERM or Ctrl-C (143 when signalled in its first",
                "second, while it starts), 1 it could not go on (the message says why), 2 bad",
                "settings (no schedule, a bad cron expression, an unknown job) or database."})
public class ScheduleCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        StopRequest stop = listenForStop();
        try (CdoContext context = CdoContext.open(database, ClinicPipelineConfiguration.class)) {
            if (stop.asked()) {
                err.println("Stopped as asked, before the schedule started.");
                return 0;
            }
            return serve(context.bean(PipelineLauncher.class), context.bean(JobRuns.class), context.bean(PipelineSettings.class),
                    context::reviveEmbeddedServer, err, stop);
        }
    }

    /** SIGTERM or Ctrl-C, said in the schedule's log (whose lines give their time and level), not on bare stderr. */
    public static StopRequest listenForStop() {
        return StopRequest.listen(LOG::info, "Stopping the schedule when the running step has finished");
    }

    /**
     * Runs the schedule until SIGTERM or SIGINT, then stops it cleanly.
     *
     * @return the exit status: 0 after a clean stop, 2 when the schedules or the settings they need are wrong
     */
    public static int serve(PipelineLauncher launcher, JobRuns runs, PipelineSettings settings, Runnable beforeEachStart,
                            PrintWriter err, StopRequest stop) throws InterruptedException {
        JobScheduler scheduler;
        try {
            scheduler = new JobScheduler(launcher, runs, schedules(settings, launcher), beforeEachStart);
        } catch (BadSettingException e) {
            err.println("cdo: " + e.getMessage());
            return 2;
        }
        CountDownLatch terminated = new CountDownLatch(1);
        stop.onStop(terminated::countDown);
        scheduler.start();
        terminated.await();
        LOG.info("Termination requested: starting no more jobs");
        scheduler.stop();
        LOG.info("Schedule stopped");
        return 0;
    }

    private static Map<String, CronExpression> schedules(PipelineSettings settings, PipelineLauncher launcher) {
        if (settings.schedules().isEmpty()) {
            throw new BadSettingException("schedules: no job is scheduled; name jobs and their cron expressions in cdo.yml, for example"
                    + " schedules: {run: '0 6 * * MON', report: '0 7 1 1,4,7,10 *'}");
        }
        Map<String, CronExpression> parsed = CronSchedules.parse(settings.schedules(), launcher.jobNames());
        parsed.keySet().forEach(job -> launcher.checkSettings(job, List.of()));
        return parsed;
    }
}
