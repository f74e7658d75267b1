package org.cdoutcomes.app.pipeline;

import java.nio.file.Path;
import java.util.Map;

/**
 * The settings the scheduled jobs read (cdo.yml, {@code CDO_*} variables).
 *
 * @param inbox the folder whose new files {@code cdo run} ingests
 * @param outbox the folder that receives a folder per run
 * @param schedules job name ({@code run}, {@code report}) to cron expression
 */
public record PipelineSettings(Path inbox, Path outbox, Map<String, String> schedules) {
    public PipelineSettings {
        schedules = schedules == null ? Map.of() : Map.copyOf(schedules);
    }
}
