package org.cdoutcomes.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

class PipelineRunTests {
    @Test
    void theRunIsNamedByItsJobAndStartTimeAndKeepsItsFoldersThroughItsParameters() {
        PipelineRun run = new PipelineRun("run", LocalDateTime.of(2026, 1, 2, 3, 4, 5), null, Path.of("/data/out"),
                List.of(Path.of("/data/a.csv"), Path.of("/data/exports")));

        PipelineRun again = PipelineRun.of("run", run.toParameters());

        assertThat(again).isEqualTo(run);
        assertThat(again.runId()).isEqualTo("run-20260102-030405");
        assertThat(again.runDate()).isEqualTo(LocalDate.of(2026, 1, 2));
        assertThat(again.runFolder()).isEqualTo(Path.of("/data/out/run-20260102-030405"));
        assertThat(again.movesInputs()).isFalse();
        assertThat(run.toParameters().getIdentifyingParameters()).extracting(p -> p.name()).containsExactly("runTime");
    }

    @Test
    void pathsBeyondWhatAParameterHoldsAreRefusedWithAHint() {
        List<Path> many = Collections.nCopies(300, Path.of("/data/clinic/exports/visits.csv"));
        PipelineRun run = new PipelineRun("run", LocalDateTime.of(2026, 1, 2, 3, 4, 5), null, Path.of("/out"), many);

        assertThatThrownBy(run::toParameters)
                .isInstanceOf(BadSettingException.class)
                .hasMessage("PATH: too many paths for one run (9599 characters, at most 2500); name their folder instead");
    }

    /** The paths are kept a line each: a line break or a backslash in a name must come back as it was, on a restart too. */
    @Test
    void pathsWithLineBreaksAndBackslashesInTheirNamesComeBackWhole() {
        List<Path> paths = List.of(Path.of("/data/visits\nQ1.csv"), Path.of("/data/a\\nb.csv"), Path.of("/data/end\\"),
                Path.of("/data/plain.csv"));
        PipelineRun run = new PipelineRun("run", LocalDateTime.of(2026, 1, 2, 3, 4, 5), null, Path.of("/out"), paths);

        assertThat(run.toParameters().getString("paths")).isNull();
        assertThat(run.toParameters().getString("escapedPaths"))
                .isEqualTo("/data/visits\\nQ1.csv\n/data/a\\\\nb.csv\n/data/end\\\\\n/data/plain.csv");
        assertThat(PipelineRun.of("run", run.toParameters()).paths()).isEqualTo(paths);
    }

    /**
     * Without a line break in a name, the paths are kept as written, a line each, as cdo always kept them: a run
     * recorded by an earlier cdo restarts with its paths, Windows ones with their backslashes too.
     */
    @Test
    void pathsWithoutLineBreaksAreKeptAsWrittenAsEarlierRunsKeptThem() {
        JobParameters earlier = new JobParametersBuilder()
                .addLocalDateTime("runTime", LocalDateTime.of(2026, 1, 2, 3, 4, 5))
                .addString("outbox", "/out", false)
                .addString("paths", "C:\\exports\\new\\visits.csv\n\\\\clinic-nas\\exports\\q1.csv", false)
                .toJobParameters();

        assertThat(PipelineRun.of("run", earlier).paths())
                .containsExactly(Path.of("C:\\exports\\new\\visits.csv"), Path.of("\\\\clinic-nas\\exports\\q1.csv"));
        PipelineRun run = new PipelineRun("run", LocalDateTime.of(2026, 1, 2, 3, 4, 5), null, Path.of("/out"),
                List.of(Path.of("/data/back\\slash.csv"), Path.of("/data/b.csv")));
        assertThat(run.toParameters().getString("paths")).isEqualTo("/data/back\\slash.csv\n/data/b.csv");
    }
}
