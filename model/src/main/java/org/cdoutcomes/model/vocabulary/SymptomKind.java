package org.cdoutcomes.model.vocabulary;

import java.util.List;

/** Kinds of symptom record. */
public enum SymptomKind implements Coded {
    RELIEF_ONSET("relief_onset"),
    RELIEF_WEAR_OFF("relief_wear_off"),
    ADVERSE_EVENT("adverse_event"),
    SCORE("score");

    public static final Vocabulary<SymptomKind> VOCABULARY = Vocabulary.of(SymptomKind.class);

    private final String id;
    private final List<String> aliases;

    SymptomKind(String id, String... aliases) {
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
