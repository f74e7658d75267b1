package org.cdoutcomes.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.cdoutcomes.app.jobs.JobRuns;
import org.cdoutcomes.db.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** Whatever a run logs, including a failed run and its restart, holds no patient identifier and no symptom value. */
@ExtendWith(OutputCaptureExtension.class)
class PipelineLogIntegrationTests {
    @TempDir
    Path root;

    @Test
    void runsLogNeitherPatientIdentifiersNorSymptomValues(CapturedOutput output) {
        PipelineFixtures.write(root.resolve("inbox/patients.csv"), "patient_id,site_id\nMRN-4711-X,main\n");
        PipelineFixtures.write(root.resolve("inbox/symptoms.csv"), "patient_id,kind,term,value\nMRN-4711-X,score,twstrs_total,QQ43\nMRN-0815-Y,score,tsui,BAD-QQ17\n");
        PipelineFixtures.write(root.resolve("inbox/broken.csv"), "unreadable MRN-9999-Z\n");
        PipelineFixtures.write(root.resolve("outbox/.keep"), "");
        try (ConfigurableApplicationContext context = PipelineFixtures.open(TestDatabases.jdbcUrl(TestDatabases.migrated("logs")), root)) {
            context.getBean(FakeStages.class).failOnceAt("report");
            JobExecution failed = PipelineJobIntegrationTests.start(context, PipelineFixtures.inboxRun(root));
            context.getBean(JobRuns.class).restart(failed.getId());
        }

        assertThat(output.getAll()).contains("Run run-20261005-060000: 2 files read, 1 unreadable")
                .doesNotContain("MRN-", "QQ43", "QQ17");
    }
}
