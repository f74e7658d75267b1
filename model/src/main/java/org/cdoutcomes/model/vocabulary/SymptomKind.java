package org.cdoutcomes.model.vocabulary;

/** Kinds of symptom record. */
public enum SymptomKind implements Coded {
    RELIEF_ONSET("relief_onset"),
    RELIEF_WEAR_OFF("relief_wear_off"),
    ADVERSE_EVENT("adverse_event"),
    SCORE("score");

    public static final Vocabulary<SymptomKind> VOCABULARY = Vocabulary.of(SymptomKind.class);

    private final Code code;

    SymptomKind(String id, String... aliases) {
        code = Code.of(id, aliases);
    }

    @Override
    public Code code() {
        return code;
    }
}
