package org.cdoutcomes.model.vocabulary;

/** Patient sex as clinics record it. */
public enum Sex implements Coded {
    F("F"),
    M("M"),
    X("X"),
    UNKNOWN("unknown");

    public static final Vocabulary<Sex> VOCABULARY = Vocabulary.of(Sex.class);

    private final Code code;

    Sex(String id, String... aliases) {
        code = Code.of(id, aliases);
    }

    @Override
    public Code code() {
        return code;
    }
}
