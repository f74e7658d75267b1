package org.cdoutcomes.app.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cdoutcomes.model.vocabulary.Muscle;
import org.cdoutcomes.model.vocabulary.MuscleGroups;
import org.springframework.scheduling.support.CronExpression;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads settings: {@code cdo.yml} keys {@code clinic-name}, {@code inbox}, {@code outbox}, {@code schedules}
 * (map), {@code muscle-groups} (map), {@code suppression-threshold}; environment variables {@code CDO_CLINIC_NAME},
 * {@code CDO_INBOX}, {@code CDO_OUTBOX}, {@code CDO_SUPPRESSION_THRESHOLD}, {@code CDO_SCHEDULES_<JOB>} and
 * {@code CDO_MUSCLE_GROUPS_<MUSCLE>} override them. Every bad value is refused with the setting's name, where it
 * came from and what it expects.
 */
final class SettingsLoader {
    private static final String CLINIC_NAME = "clinic-name";
    private static final String INBOX = "inbox";
    private static final String OUTBOX = "outbox";
    private static final String SCHEDULES = "schedules";
    private static final String MUSCLE_GROUPS = "muscle-groups";
    private static final String SUPPRESSION = "suppression-threshold";
    private static final List<String> KNOWN = List.of(CLINIC_NAME, INBOX, OUTBOX, SCHEDULES, MUSCLE_GROUPS, SUPPRESSION);
    /** The settings of entries, each read from variables CDO_<NAME>_<KEY>, and what their keys name. */
    private static final Map<String, String> ENTRY_KEYS = Map.of(SCHEDULES, "JOB", MUSCLE_GROUPS, "MUSCLE");
    /** The variables cdo reads besides the settings' (the database's, the log level, the launcher's JVM options). */
    private static final Set<String> OTHER_VARIABLES = Set.of("CDO_DB_URL", "CDO_DB_USER", "CDO_DB_PASSWORD", "CDO_LOG_LEVEL",
            "CDO_JAVA_OPTS");
    /** Variables that configure the tests. */
    private static final String TEST_VARIABLES = "CDO_TEST_";

    private final Map<String, String> environment;

    SettingsLoader(Map<String, String> environment) {
        this.environment = environment;
    }

    CdoSettings load(Path explicitFile) {
        CdoSettings defaults = CdoSettings.defaults();
        Path file = explicitFile != null ? explicitFile : Path.of(CdoSettings.DEFAULT_FILE);
        if (explicitFile != null && !Files.isRegularFile(explicitFile)) {
            throw CdoException.badUsage("--config expects a settings file, and " + explicitFile
                    + (Files.exists(explicitFile) ? " is not one" : " does not exist"));
        }
        Map<String, Object> yaml = Files.isRegularFile(file) ? readYaml(file) : Map.of();
        String origin = file.toString();

        String clinicName = text(CLINIC_NAME, yaml, origin, defaults.clinicName());
        // a folder the file names relatively lies beside the file, wherever cdo is started (a service manager starts it in /)
        Path base = file.toAbsolutePath().getParent();
        Path inbox = path(INBOX, yaml, origin, defaults.inbox(), base);
        Path outbox = path(OUTBOX, yaml, origin, defaults.outbox(), base);
        int suppression = wholeNumber(SUPPRESSION, yaml, origin, defaults.suppressionThreshold());
        Map<String, String> schedules = map(SCHEDULES, yaml, origin);
        schedules.forEach((job, cron) -> {
            // crontab's five fields run at second 0; six fields start with the second; macros such as @weekly
            String trimmed = cron.trim();
            if (!CronExpression.isValidExpression(trimmed.split("\\s+").length == 5 ? "0 " + trimmed : trimmed)) {
                throw CdoException.badUsage("setting " + SCHEDULES + "." + job + " (" + originOf(SCHEDULES + "." + job, origin)
                        + ") expects a cron expression of five fields (minute hour day month weekday) such as '0 6 * * MON-FRI',"
                        + " six with the second first, or a macro such as @weekly, got '" + cron + "'");
            }
        });
        Map<String, String> muscleGroups = muscleGroups(yaml, origin);
        try {
            MuscleGroups.withOverrides(muscleGroups);
        } catch (IllegalArgumentException e) {
            throw CdoException.badUsage("setting " + MUSCLE_GROUPS + " (" + origin + " or CDO_MUSCLE_GROUPS_*): " + e.getMessage()
                    + "; it expects muscle: group pairs");
        }
        // as the figures name the groups (the Methods sheet lists the overrides)
        muscleGroups.replaceAll((muscle, group) -> MuscleGroups.groupId(group));
        return new CdoSettings(clinicName, inbox, outbox, schedules, muscleGroups, suppression);
    }

    private static Map<String, Object> readYaml(Path file) {
        Object document;
        LoaderOptions options = new LoaderOptions();
        // two values of one setting: refused, not the last one taken with a library's warning
        options.setAllowDuplicateKeys(false);
        try (Reader reader = Files.newBufferedReader(file)) {
            DumperOptions unused = new DumperOptions(); // the constructor that takes a resolver asks for a writer's options too
            document = new Yaml(new SafeConstructor(options), new Representer(unused), unused, options, new TextResolver()).load(reader);
        } catch (MarkedYAMLException e) {
            String problem = e.getProblem();
            throw CdoException.badUsage(file + " line " + (e.getProblemMark().getLine() + 1) + " is not valid YAML: " + problem
                    + (problem.contains("cannot start any token") ? "; put such a value in quotes, as in run: '@weekly'" : ""));
        } catch (YAMLException | IOException e) {
            throw CdoException.badUsage("cannot read settings file " + file + ": " + e.getMessage());
        }
        if (document == null) {
            return Map.of();
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw CdoException.badUsage(file + " expects settings as 'name: value' lines (" + String.join(", ", KNOWN) + ")");
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            String name = String.valueOf(key);
            if (!KNOWN.contains(name)) {
                throw CdoException.badUsage(file + " has an unknown setting '" + name + "'; known settings: " + String.join(", ", KNOWN));
            }
            settings.put(name, value);
        });
        return settings;
    }

    /**
     * Every value as its text: YAML 1.1 would read a threshold of 010 as 8 (octal), a clinic named No as false and a
     * name such as 2024-01-05 as a date. An empty value stays null (no value).
     */
    private static final class TextResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }

    private String text(String name, Map<String, Object> yaml, String file, String fallback) {
        String value = raw(name, yaml, file, fallback);
        if (value.isBlank()) {
            throw CdoException.badUsage("setting " + name + " (" + originOf(name, file) + ") expects a non-empty text");
        }
        return value.trim();
    }

    /** A folder setting; one the settings file gives relatively is resolved against {@code base}, the file's folder. */
    private Path path(String name, Map<String, Object> yaml, String file, Path fallback, Path base) {
        String value = text(name, yaml, file, fallback.toString());
        try {
            Path path = Path.of(value);
            boolean fromFile = environment.get(variable(name)) == null && yaml.get(name) != null;
            return withoutDots(fromFile && !path.isAbsolute() ? base.resolve(path) : path);
        } catch (InvalidPathException e) {
            throw CdoException.badUsage("setting " + name + " (" + originOf(name, file) + ") expects a folder path, got '" + value + "'");
        }
    }

    /**
     * "./outbox" as "outbox": a "." names nothing more, and the run folders printed from it read /srv/cdo/outbox/run-...
     * rather than /srv/cdo/./outbox/run-... ("..", which may lead back through a link, is kept).
     */
    private static Path withoutDots(Path path) {
        Path kept = path.getRoot();
        for (Path name : path) {
            if (!name.toString().equals(".")) {
                kept = kept == null ? name : kept.resolve(name);
            }
        }
        return kept == null ? path : kept;
    }

    private int wholeNumber(String name, Map<String, Object> yaml, String file, int fallback) {
        String value = raw(name, yaml, file, Integer.toString(fallback)).trim();
        try {
            int number = Integer.parseInt(value);
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, with what is expected
        }
        throw CdoException.badUsage("setting " + name + " (" + originOf(name, file) + ") expects a whole number of 0 or more, got '" + value + "'");
    }

    private String raw(String name, Map<String, Object> yaml, String file, String fallback) {
        String fromEnvironment = environment.get(variable(name));
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        Object value = yaml.get(name);
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw CdoException.badUsage("setting " + name + " (" + file + ") expects a single value, not a list or map");
        }
        return value == null ? fallback : value.toString();
    }

    /** A map setting: the file's entries, then the environment's, which replace those of the same key. */
    private Map<String, String> map(String name, Map<String, Object> yaml, String file) {
        Map<String, String> entries = fileMap(name, yaml, file);
        entries.putAll(environmentMap(name));
        return entries;
    }

    /**
     * muscle-groups, keyed by muscle id: an alias in the file and the id in a variable (or the other way round) name one
     * muscle, whose variable then wins as for any setting; two keys for one muscle in one place are refused.
     */
    private Map<String, String> muscleGroups(Map<String, Object> yaml, String file) {
        Map<String, String> groups = byMuscle(fileMap(MUSCLE_GROUPS, yaml, file), file);
        groups.putAll(byMuscle(environmentMap(MUSCLE_GROUPS), "environment variables " + variable(MUSCLE_GROUPS) + "_*"));
        return groups;
    }

    /** Entries keyed by the id of the muscle each key names (a key naming none stays, for MuscleGroups to refuse). */
    private static Map<String, String> byMuscle(Map<String, String> entries, String origin) {
        Map<String, String> groups = new LinkedHashMap<>();
        Map<String, String> keys = new HashMap<>();
        entries.forEach((key, group) -> {
            String muscle = Muscle.VOCABULARY.find(key).map(Muscle::id).orElse(key);
            String earlier = keys.putIfAbsent(muscle, key);
            if (earlier != null) {
                throw CdoException.badUsage("setting " + MUSCLE_GROUPS + " (" + origin + ") names the muscle " + muscle + " twice, as '"
                        + earlier + "' and as '" + key + "'; keep one");
            }
            groups.put(muscle, group);
        });
        return groups;
    }

    private static Map<String, String> fileMap(String name, Map<String, Object> yaml, String file) {
        Map<String, String> entries = new LinkedHashMap<>();
        Object value = yaml.get(name);
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, entry) -> {
                if (entry == null || entry instanceof Map<?, ?> || entry instanceof List<?>) {
                    throw CdoException.badUsage("setting " + name + "." + key + " (" + file + ") expects a single value");
                }
                entries.put(String.valueOf(key), entry.toString());
            });
        } else if (value != null) {
            throw CdoException.badUsage("setting " + name + " (" + file + ") expects 'key: value' entries on indented lines below it");
        }
        return entries;
    }

    /** Environment variables {@code CDO_<NAME>_<KEY>}, by key in lower case with dashes, in the order of their names. */
    private Map<String, String> environmentMap(String name) {
        Map<String, String> entries = new TreeMap<>();
        String prefix = variable(name) + "_";
        environment.forEach((variable, entry) -> {
            if (variable.startsWith(prefix) && variable.length() > prefix.length()) {
                entries.put(variable.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '-'), entry);
            }
        });
        return entries;
    }

    private String originOf(String name, String file) {
        String variable = variable(name);
        return environment.containsKey(variable) ? "environment variable " + variable : file;
    }

    /** The environment's CDO_ variables that cdo does not read, sorted. */
    static List<String> unknownVariables(Map<String, String> environment) {
        return environment.keySet().stream()
                .filter(name -> name.startsWith("CDO_") && !name.startsWith(TEST_VARIABLES) && !OTHER_VARIABLES.contains(name))
                .filter(name -> KNOWN.stream().noneMatch(setting -> ENTRY_KEYS.containsKey(setting)
                        ? name.startsWith(variable(setting) + "_") : name.equals(variable(setting))))
                .sorted().toList();
    }

    /** The settings' variables in words, single ones first: CDO_CLINIC_NAME, ..., CDO_SCHEDULES_<JOB>, ... */
    static String settingVariables() {
        return Stream.concat(KNOWN.stream().filter(setting -> !ENTRY_KEYS.containsKey(setting)).map(SettingsLoader::variable),
                        KNOWN.stream().filter(ENTRY_KEYS::containsKey).map(setting -> variable(setting) + "_<" + ENTRY_KEYS.get(setting) + ">"))
                .collect(Collectors.joining(", "));
    }

    private static String variable(String name) {
        return "CDO_" + name.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }
}
