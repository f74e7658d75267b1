package org.cdoutcomes.app.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.cdoutcomes.app.CdoApplication;
import org.cdoutcomes.app.cli.CdoSettings;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Test code: a clinic's inbox and outbox in a folder, a context over a test database, and snapshots to compare. */
final class PipelineFixtures {
    /** A run time whose run id is {@code run-20261005-060000} and whose latest full quarter is 2026-Q3. */
    static final LocalDateTime RUN_TIME = LocalDateTime.of(2026, 10, 5, 6, 0, 0);

    private PipelineFixtures() {
    }

    /** A context over the database whose inbox and outbox are under {@code root}. */
    static ConfigurableApplicationContext open(String jdbcUrl, Path root) {
        return open(jdbcUrl, root, Map.of());
    }

    /** A context over the database whose inbox and outbox are under {@code root}, with job schedules (job to cron). */
    static ConfigurableApplicationContext open(String jdbcUrl, Path root, Map<String, String> schedules) {
        CdoSettings defaults = CdoSettings.defaults();
        CdoSettings settings = new CdoSettings(defaults.clinicName(), root.resolve("inbox"), root.resolve("outbox"), schedules,
                Map.of(), defaults.suppressionThreshold());
        return new SpringApplicationBuilder(CdoApplication.class, PipelineJobConfiguration.class, FakeStagesConfiguration.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(Map.of(
                        "spring.datasource.url", jdbcUrl,
                        "spring.batch.job.enabled", "false",
                        "spring.flyway.enabled", "false",
                        "spring.batch.jdbc.initialize-schema", "never"))
                .initializers(context -> context.getBeanFactory().registerSingleton("cdoSettings", settings))
                .run();
    }

    /** An inbox with two readable files (one row of visits rejected) and an unreadable one, and an empty outbox. */
    static Path clinic(Path root) {
        write(root.resolve("inbox/patients.csv"), "patient_id,site_id\nP1,main\nP2,north\n");
        write(root.resolve("inbox/visits.csv"), "visit_id,patient_id,dose_units\nV1,P1,100\nV2,P1,BAD\nV3,P2,50\n");
        write(root.resolve("inbox/notes.csv"), "unreadable: a note someone saved here\n");
        write(root.resolve("outbox/.keep"), "");
        return root;
    }

    static PipelineRun inboxRun(Path root) {
        return new PipelineRun(PipelineJobConfiguration.RUN_JOB, RUN_TIME, root.resolve("inbox"), root.resolve("outbox"), List.of());
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file under the folder by relative path, with its text. */
    static Map<String, String> files(Path root) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The fake's tables, row by row, in a fixed order. */
    static List<String> tables(ConfigurableApplicationContext context) {
        JdbcTemplate jdbc = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
        List<String> rows = new java.util.ArrayList<>(jdbc.queryForList("select file_name || ':' || line || ':' || value from fake_rows order by 1", String.class));
        rows.addAll(jdbc.queryForList("select run_id || ':' || files || ':' || rows || ':' || run_date from fake_runs order by 1", String.class));
        return rows;
    }
}
