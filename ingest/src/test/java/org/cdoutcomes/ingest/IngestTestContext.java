package org.cdoutcomes.ingest;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.cdoutcomes.db.TestDatabases;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/** A Spring context with the ingest job and Boot's auto-configuration on a migrated test database, the day fixed. */
final class IngestTestContext implements AutoCloseable {
    static final LocalDate TODAY = LocalDate.of(2025, 6, 30);
    static final List<String> RECORD_TABLES = List.of(
            "select patient_id, site_id, sex, birth_year, diagnosis_date, cd_pattern from patient",
            "select visit_id, patient_id, visit_date, product, site_id from visit",
            "select visit_id, muscle, side, dose_units, guidance from visit_muscle",
            "select record_id, patient_id, recorded_on, kind, term, value, visit_id, source from symptom");

    private final ConfigurableApplicationContext spring;
    final DataSource dataSource;
    final JdbcTemplate jdbc;

    IngestTestContext(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.spring = new SpringApplicationBuilder(TestApplication.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .properties(Map.of(
                        "spring.datasource.url", TestDatabases.jdbcUrl(dataSource),
                        "spring.datasource.username", "postgres",
                        "spring.flyway.enabled", "false",
                        "spring.batch.job.enabled", "false",
                        "spring.main.banner-mode", "off"))
                .run();
    }

    static IngestTestContext fresh(String prefix) {
        return new IngestTestContext(TestDatabases.migrated(prefix));
    }

    IngestOutcome ingest(Path... paths) throws Exception {
        return ingest(null, paths);
    }

    IngestOutcome ingest(String dateFormat, Path... paths) throws Exception {
        return ingest(dateFormat, IngestProgress.QUIET, paths);
    }

    IngestOutcome ingest(String dateFormat, IngestProgress progress, Path... paths) throws Exception {
        List<String> names = Arrays.stream(paths).map(Path::toString).toList();
        Path rejects = paths[0].toAbsolutePath().getParent().resolve("rejects-" + System.nanoTime() + ".csv");
        return spring.getBean(Ingester.class).ingest(new IngestRequest(names, rejects, dateFormat), progress);
    }

    <T> T bean(Class<T> type) {
        return spring.getBean(type);
    }

    /** Every record table as sorted text rows (symptom_id, a generated key, left out). */
    Map<String, List<String>> records() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String query : RECORD_TABLES) {
            List<String> rows = new ArrayList<>(jdbc.query(query, (rs, i) -> {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                    row.append(c > 1 ? "|" : "").append(rs.getString(c));
                }
                return row.toString();
            }));
            rows.sort(null);
            tables.put(query, rows);
        }
        return tables;
    }

    @Override
    public void close() {
        spring.close();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(IngestJobConfiguration.class)
    static class TestApplication {
        @Bean
        Clock clock() {
            return Clock.fixed(TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        }
    }
}
