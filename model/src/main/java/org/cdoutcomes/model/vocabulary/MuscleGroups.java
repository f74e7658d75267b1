package org.cdoutcomes.model.vocabulary;

import java.util.EnumMap;
import java.util.Map;

/** Muscle to muscle-group mapping: the defaults of input-formats.md, with configured overrides on top. */
public final class MuscleGroups {
    /** The name of the side-effect rows over every counted cycle (analytics.md), which no configured group may take. */
    public static final String ANY = "any";

    private final Map<Muscle, String> groupOf;

    private MuscleGroups(Map<Muscle, String> groupOf) {
        this.groupOf = groupOf;
    }

    public static MuscleGroups defaults() {
        return withOverrides(Map.of());
    }

    /**
     * A configured group name as the group's id: matched as codes are (case, surrounding spaces, runs of spaces,
     * hyphens and underscores), written as the default group ids are, with underscores. "Shoulder" and "shoulder" are one
     * group, and "Splenius Capitis" is the default group splenius_capitis.
     */
    public static String groupId(String name) {
        return Codes.normalize(name).replace(' ', '_');
    }

    /** Overrides name a muscle (id or alias) and the group (see {@link #groupId}) it should count in. */
    public static MuscleGroups withOverrides(Map<String, String> overrides) {
        Map<Muscle, String> map = new EnumMap<>(Muscle.class);
        for (Muscle muscle : Muscle.values()) {
            map.put(muscle, muscle.defaultGroup());
        }
        overrides.forEach((muscleCode, group) -> {
            Muscle muscle = Muscle.VOCABULARY.find(muscleCode)
                    .orElseThrow(() -> new IllegalArgumentException("muscle group override names an unknown muscle '" + muscleCode + "'"));
            String id = group == null ? "" : groupId(group);
            if (id.isEmpty()) {
                throw new IllegalArgumentException("muscle group override for '" + muscleCode + "' names no group");
            }
            if (id.equals(ANY)) {
                throw new IllegalArgumentException("muscle group override for '" + muscleCode + "' names the group '" + group.trim()
                        + "', which reads as '" + ANY + "', the name of the rows over all cycles; name the group otherwise");
            }
            map.put(muscle, id);
        });
        return new MuscleGroups(map);
    }

    public String groupOf(Muscle muscle) {
        return groupOf.get(muscle);
    }
}
