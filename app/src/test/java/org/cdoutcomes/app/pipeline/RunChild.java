package org.cdoutcomes.app.pipeline;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.cdoutcomes.app.jobs.JobRuns;
import org.cdoutcomes.app.jobs.StopRequest;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Test code: {@code cdo run} over the fake stages, in a process of its own to receive SIGTERM. The fake's ingest
 * announces itself on stdout and takes two seconds. Arguments: JDBC URL, clinic folder.
 */
public final class RunChild {
    private RunChild() {
    }

    public static void main(String[] args) {
        int status;
        PrintWriter err = new PrintWriter(System.err, true);
        StopRequest stop = StopRequest.listen(err, "Stopping when the running step has finished");
        try (ConfigurableApplicationContext context = PipelineFixtures.open(args[0], Path.of(args[1]))) {
            context.getBean(FakeStages.class).on("ingest", runId -> {
                System.out.println(ScheduleChild.INGESTING);
                System.out.flush();
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            status = RunCommand.runOnce(context.getBean(PipelineLauncher.class), context.getBean(JobRuns.class), List.of(),
                    new PrintWriter(System.out, true), err, stop);
        }
        System.exit(status);
    }
}
