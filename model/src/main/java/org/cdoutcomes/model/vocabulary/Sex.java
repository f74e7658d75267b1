package org.cdoutcomes.model.vocabulary;

import java.util.List;

/** Patient sex as clinics record it. */
public enum Sex implements Coded {
    F("F"),
    M("M"),
    X("X"),
    UNKNOWN("unknown");

    public static final Vocabulary<Sex> VOCABULARY = Vocabulary.of(Sex.class);

    private final String id;
    private final List<String> aliases;

    Sex(String id, String... aliases) {
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
