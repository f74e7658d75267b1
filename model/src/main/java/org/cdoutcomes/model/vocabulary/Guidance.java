package org.cdoutcomes.model.vocabulary;

import java.util.List;

/** How the injection was guided. */
public enum Guidance implements Coded {
    EMG("emg"),
    ULTRASOUND("ultrasound"),
    ANATOMIC("anatomic"),
    UNKNOWN("unknown");

    public static final Vocabulary<Guidance> VOCABULARY = Vocabulary.of(Guidance.class);

    private final String id;
    private final List<String> aliases;

    Guidance(String id, String... aliases) {
        this.id = id;
        this.aliases = List.of(aliases);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<String> aliases() {
        return aliases;
    }
}
