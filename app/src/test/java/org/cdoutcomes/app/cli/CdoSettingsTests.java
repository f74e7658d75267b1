package org.cdoutcomes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cdoutcomes.model.vocabulary.Muscle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdoSettingsTests {
    @TempDir
    Path folder;

    @Test
    void variablesCdoDoesNotReadAreListed() {
        Map<String, String> environment = Map.of("CDO_CLINIC_NAM", "x", "CDO_CLINIC_NAME", "x", "CDO_SCHEDULES_RUN", "@daily",
                "CDO_MUSCLE_GROUPS_SCM", "front", "CDO_JAVA_OPTS", "-Xmx1g", "CDO_TEST_JDBC_URL", "jdbc:postgresql://h/t",
                "CDO_DB_URLL", "x", "CDO_TRACE", "1", "PATH", "/bin", "XCDO_INBOX", "x");

        assertEquals(List.of("CDO_CLINIC_NAM", "CDO_DB_URLL", "CDO_TRACE"), SettingsLoader.unknownVariables(environment));
    }

    @Test
    void withoutFileOrEnvironmentTheDefaultsHold() {
        CdoSettings settings = CdoSettings.load(null, Map.of());
        assertEquals(5, settings.suppressionThreshold());
        assertEquals(Path.of("inbox"), settings.inbox());
        assertEquals(Map.of(), settings.schedules());
    }

    @Test
    void fileIsReadAndEnvironmentOverridesIt() throws IOException {
        Path file = write("""
                clinic-name: Movement Disorders Clinic
                inbox: /data/./in
                outbox: ./out
                suppression-threshold: 11
                schedules:
                  run: "0 0 6 * * MON-FRI"
                muscle-groups:
                  levator-scapulae: shoulder-elevators
                """);
        CdoSettings settings = CdoSettings.load(file, Map.of(
                "CDO_SUPPRESSION_THRESHOLD", "0",
                "CDO_SCHEDULES_REPORT", "0 30 7 1 * *",
                "CDO_DB_URL", "jdbc:postgresql://elsewhere/cdo"));
        assertEquals("Movement Disorders Clinic", settings.clinicName());
        assertEquals("/data/in", settings.inbox().toString(), "a '.' names nothing more");
        assertEquals(file.toAbsolutePath().getParent().resolve("out"), settings.outbox(), "beside the file, wherever cdo starts");
        assertEquals(Path.of("elsewhere"), CdoSettings.load(file, Map.of("CDO_OUTBOX", "elsewhere")).outbox(),
                "a variable's relative folder is the working folder's");
        assertEquals(0, settings.suppressionThreshold());
        assertEquals(Map.of("run", "0 0 6 * * MON-FRI", "report", "0 30 7 1 * *"), settings.schedules());
        // the group's name read as a code and written as group ids are (input-formats.md's groups: splenius_capitis)
        assertEquals("shoulder_elevators", settings.muscleGroups().groupOf(Muscle.VOCABULARY.find("levator-scapulae").orElseThrow()));
        assertEquals(Map.of("levator_scapulae", "shoulder_elevators"), settings.muscleGroupOverrides(), "as the Methods sheet lists it");
    }

    /** A muscle's alias and its id name one muscle: the variable overrides the file however either spells it. */
    @Test
    void aMuscleGroupVariableOverridesTheFileWhateverSpellingEachUses() throws IOException {
        Muscle scm = Muscle.VOCABULARY.find("sternocleidomastoid").orElseThrow();
        Muscle trapezius = Muscle.VOCABULARY.find("trapezius").orElseThrow();
        Path file = write("muscle-groups:\n  scm: front\n  trapezius: back\n");
        CdoSettings settings = CdoSettings.load(file, Map.of("CDO_MUSCLE_GROUPS_STERNOCLEIDOMASTOID", "anterior", "CDO_MUSCLE_GROUPS_TRAP", "upper"));
        assertEquals("anterior", settings.muscleGroups().groupOf(scm));
        assertEquals("upper", settings.muscleGroups().groupOf(trapezius));

        CdoException twiceInFile = assertThrows(CdoException.class,
                () -> CdoSettings.load(write("muscle-groups:\n  scm: a\n  sternocleidomastoid: b\n"), Map.of()));
        assertEquals(CdoException.BAD_USAGE, twiceInFile.exitCode());
        assertTrue(twiceInFile.getMessage().endsWith("names the muscle sternocleidomastoid twice, as 'scm' and as 'sternocleidomastoid'; keep one"),
                twiceInFile.getMessage());
        CdoException twiceInEnvironment = assertThrows(CdoException.class,
                () -> CdoSettings.load(null, Map.of("CDO_MUSCLE_GROUPS_SCM", "a", "CDO_MUSCLE_GROUPS_STERNOCLEIDOMASTOID", "b")));
        assertEquals("setting muscle-groups (environment variables CDO_MUSCLE_GROUPS_*) names the muscle sternocleidomastoid twice, "
                + "as 'scm' and as 'sternocleidomastoid'; keep one", twiceInEnvironment.getMessage());
    }

    @Test
    void badValuesNameTheSettingWhereItCameFromAndWhatItExpects() throws IOException {
        Path file = write("suppression-threshold: five\n");
        CdoException fromFile = assertThrows(CdoException.class, () -> CdoSettings.load(file, Map.of()));
        assertEquals(CdoException.BAD_USAGE, fromFile.exitCode());
        assertEquals("setting suppression-threshold (" + file + ") expects a whole number of 0 or more, got 'five'", fromFile.getMessage());

        CdoException fromEnvironment = assertThrows(CdoException.class,
                () -> CdoSettings.load(null, Map.of("CDO_SUPPRESSION_THRESHOLD", "-1")));
        assertEquals("setting suppression-threshold (environment variable CDO_SUPPRESSION_THRESHOLD) expects a whole number of 0 or more, got '-1'",
                fromEnvironment.getMessage());

        CdoException cron = assertThrows(CdoException.class, () -> CdoSettings.load(null, Map.of("CDO_SCHEDULES_RUN", "every day")));
        assertTrue(cron.getMessage().startsWith("setting schedules.run (environment variable CDO_SCHEDULES_RUN) expects a cron expression"),
                cron.getMessage());

        CdoException muscle = assertThrows(CdoException.class, () -> CdoSettings.load(write("muscle-groups:\n  elbow: arm\n"), Map.of()));
        assertTrue(muscle.getMessage().contains("unknown muscle 'elbow'"), muscle.getMessage());
    }

    @Test
    void unknownSettingsMissingFilesAndBrokenYamlAreRefused() throws IOException {
        Path typo = write("clinic-nmae: X\n");
        assertEquals(typo + " has an unknown setting 'clinic-nmae'; known settings: clinic-name, inbox, outbox, schedules, muscle-groups, suppression-threshold",
                assertThrows(CdoException.class, () -> CdoSettings.load(typo, Map.of())).getMessage());

        Path missing = folder.resolve("nope.yml");
        assertEquals("--config expects a settings file, and " + missing + " does not exist",
                assertThrows(CdoException.class, () -> CdoSettings.load(missing, Map.of())).getMessage());
        assertEquals("--config expects a settings file, and " + folder + " is not one",
                assertThrows(CdoException.class, () -> CdoSettings.load(folder, Map.of())).getMessage());

        Path broken = write("clinic-name: A\nschedules: [unclosed\n");
        String message = assertThrows(CdoException.class, () -> CdoSettings.load(broken, Map.of())).getMessage();
        assertTrue(message.startsWith(broken + " line 3 is not valid YAML"), message);

        // a macro unquoted: YAML reserves @ for later use
        Path macro = write("schedules:\n  run: @weekly\n");
        assertEquals(macro + " line 2 is not valid YAML: found character '@' that cannot start any token. (Do not use @ for "
                        + "indentation); put such a value in quotes, as in run: '@weekly'",
                assertThrows(CdoException.class, () -> CdoSettings.load(macro, Map.of())).getMessage());
    }

    /** Two values of one setting are refused, naming it and the line of the second, rather than the last one taken. */
    @Test
    void aSettingGivenTwiceIsRefused() throws IOException {
        Path twice = write("suppression-threshold: 2\nclinic-name: A\nsuppression-threshold: 9\n");
        CdoException refused = assertThrows(CdoException.class, () -> CdoSettings.load(twice, Map.of()));
        assertEquals(CdoException.BAD_USAGE, refused.exitCode());
        assertTrue(refused.getMessage().startsWith(twice + " line 3 is not valid YAML: found duplicate key suppression-threshold"),
                refused.getMessage());

        Path twiceInAMap = write("schedules:\n  run: '0 6 * * MON'\n  run: '0 7 * * MON'\n");
        assertTrue(assertThrows(CdoException.class, () -> CdoSettings.load(twiceInAMap, Map.of())).getMessage()
                .startsWith(twiceInAMap + " line 3 is not valid YAML: found duplicate key run"));
    }

    /**
     * Values are read as written (YAML 1.1 would make 010 octal 8, No false, 1.10 the number 1.1 and a date a
     * timestamp), as the same values in environment variables are.
     */
    @Test
    void valuesAreTheTextWritten() throws IOException {
        assertEquals(10, CdoSettings.load(write("suppression-threshold: 010\n"), Map.of()).suppressionThreshold());
        assertEquals(5, CdoSettings.load(write("suppression-threshold: 5\n"), Map.of()).suppressionThreshold());
        for (String name : List.of("No", "ON", "1.10", "0777", "12:30", "2024-01-05", "~x", "null clinic")) {
            assertEquals(name, CdoSettings.load(write("clinic-name: " + name + "\n"), Map.of()).clinicName(), name);
        }
        assertEquals("yes", CdoSettings.load(write("muscle-groups:\n  scm: yes\n"), Map.of()).muscleGroups()
                .groupOf(Muscle.VOCABULARY.find("scm").orElseThrow()));
        // an empty value is no value, as before: the default holds
        assertEquals(CdoSettings.defaults().clinicName(), CdoSettings.load(write("clinic-name:\n"), Map.of()).clinicName());
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(folder, "cdo", ".yml");
        Files.writeString(file, yaml);
        return file;
    }
}
