package org.cdoutcomes.app.pipeline;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.cdoutcomes.app.jobs.JobRuns;
import org.cdoutcomes.app.jobs.StopRequest;
import org.cdoutcomes.app.schedule.ScheduleCommand;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Test code: {@code cdo schedule} over the fake stages, every second, in a process of its own to receive SIGTERM.
 * The fake's ingest announces itself on stdout and takes two seconds. Arguments: JDBC URL, clinic folder.
 */
public final class ScheduleChild {
    static final String INGESTING = "CHILD: ingesting";

    private ScheduleChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        int status;
        PrintWriter err = new PrintWriter(System.err, true);
        StopRequest stop = ScheduleCommand.listenForStop();
        try (ConfigurableApplicationContext context = PipelineFixtures.open(args[0], Path.of(args[1]), Map.of("run", "* * * * * *"))) {
            context.getBean(FakeStages.class).on("ingest", runId -> {
                System.out.println(INGESTING);
                System.out.flush();
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            status = ScheduleCommand.serve(context.getBean(PipelineLauncher.class), context.getBean(JobRuns.class),
                    context.getBean(PipelineSettings.class), () -> { }, err, stop);
        }
        System.exit(status);
    }
}
