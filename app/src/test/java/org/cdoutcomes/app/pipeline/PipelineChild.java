package org.cdoutcomes.app.pipeline;

import java.nio.file.Path;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Test code: a process that runs the pipeline job with the fake stages over a clinic folder, to be killed. The fake
 * stages are slowed down so that a kill lands inside the job; {@code haltAt} names a point of the fake where the
 * process halts as SIGKILL would end it (no shutdown hooks, no finally blocks).
 *
 * <p>Arguments: JDBC URL, clinic folder, and optionally the halt point.
 */
public final class PipelineChild {
    static final String STARTING = "CHILD: job starting";

    private PipelineChild() {
    }

    public static void main(String[] args) {
        Path root = Path.of(args[1]);
        try (ConfigurableApplicationContext context = PipelineFixtures.open(args[0], root)) {
            FakeStages stages = context.getBean(FakeStages.class);
            for (String point : new String[] {"ingest", "ingest-after-first-file", "report", "report-after-json"}) {
                stages.on(point, runId -> pause(250));
            }
            if (args.length > 2) {
                stages.on(args[2], runId -> Runtime.getRuntime().halt(137));
            }
            System.out.println(STARTING);
            System.out.flush();
            PipelineJobIntegrationTests.start(context, PipelineFixtures.inboxRun(root));
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
