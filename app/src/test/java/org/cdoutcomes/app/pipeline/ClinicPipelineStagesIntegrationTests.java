package org.cdoutcomes.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cdoutcomes.app.cli.CdoSettings;
import org.cdoutcomes.db.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real analyse-and-report stage of {@code cdo run}, called as a restart on a later day calls it. */
class ClinicPipelineStagesIntegrationTests {
    @TempDir
    Path folder;

    /**
     * A run started on 30 June just before midnight and restarted the next morning reports the quarter before its own
     * day (2026-Q1, not Q2) and shows its own start as the run time (the restart's day and time are neither: the report
     * once showed 2026-06-30 with the restart's time of day, a moment that never happened).
     */
    @Test
    void aRestartedRunReportsAsOfItsStartAndShowsItAsTheRunTime() throws IOException {
        ClinicPipelineStages stages = new ClinicPipelineStages(TestDatabases.migrated("pipeline_stages_run_time"), CdoSettings.defaults());
        LocalDateTime started = LocalDateTime.of(2026, 6, 30, 23, 59, 42);

        ReportOutcome outcome = stages.analyzeAndReport("run-20260630-235942", started, folder);

        assertThat(outcome.period()).isEqualTo("2026-Q1");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("report-2026-Q1.xlsx", "analysis.json");
        }
        try (InputStream in = Files.newInputStream(folder.resolve("report-2026-Q1.xlsx")); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Row runTime = null;
            for (Row row : workbook.getSheet("Summary")) {
                if (row.getCell(0) != null && "Run time".equals(row.getCell(0).getStringCellValue())) {
                    runTime = row;
                }
            }
            assertThat(runTime).as("a Run time row on the Summary").isNotNull();
            assertThat(runTime.getCell(1).getLocalDateTimeCellValue()).isEqualTo(started);
        }
    }
}
