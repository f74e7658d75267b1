package org.cdoutcomes.app.cli;

import java.nio.file.Path;
import java.util.Map;
import org.cdoutcomes.model.vocabulary.MuscleGroups;

/**
 * The settings of cli.md, from {@code cdo.yml} (or {@code --config FILE}) overridden by {@code CDO_*} environment
 * variables; see {@link SettingsLoader} for names and checks.
 *
 * @param clinicName            shown on reports
 * @param inbox                 where {@code cdo run} finds new files
 * @param outbox                where scheduled reports go
 * @param schedules             job name ({@code run}, {@code report}) to cron expression: crontab's five fields, six with
 *                              the second first, or a macro such as {@code @weekly}
 * @param muscleGroupOverrides  muscle (id or alias) to the group it counts in, on top of the defaults
 * @param suppressionThreshold  counts below it are suppressed in reports; 0 turns suppression off
 */
public record CdoSettings(String clinicName, Path inbox, Path outbox, Map<String, String> schedules,
                          Map<String, String> muscleGroupOverrides, int suppressionThreshold) {
    public static final String DEFAULT_FILE = "cdo.yml";

    public CdoSettings {
        schedules = Map.copyOf(schedules);
        muscleGroupOverrides = Map.copyOf(muscleGroupOverrides);
    }

    public static CdoSettings defaults() {
        // the report shows the clinic's name: without one it says where to set it, rather than pass the product's off as it
        return new CdoSettings("not set (clinic-name in cdo.yml, or CDO_CLINIC_NAME)", Path.of("inbox"), Path.of("outbox"),
                Map.of(), Map.of(), 5);
    }

    /**
     * Reads {@code file} (or {@code ./cdo.yml} when null and present) and the environment.
     *
     * @throws CdoException (exit 2) naming the setting and what it expects
     */
    public static CdoSettings load(Path file, Map<String, String> environment) {
        return new SettingsLoader(environment).load(file);
    }

    /** The muscle groups with this clinic's overrides (already checked at load time). */
    public MuscleGroups muscleGroups() {
        return MuscleGroups.withOverrides(muscleGroupOverrides);
    }
}
