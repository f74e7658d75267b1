package org.cdoutcomes.model.vocabulary;

/** How the injection was guided. */
public enum Guidance implements Coded {
    EMG("emg"),
    ULTRASOUND("ultrasound"),
    ANATOMIC("anatomic"),
    UNKNOWN("unknown");

    public static final Vocabulary<Guidance> VOCABULARY = Vocabulary.of(Guidance.class);

    private final Code code;

    Guidance(String id, String... aliases) {
        code = Code.of(id, aliases);
    }

    @Override
    public Code code() {
        return code;
    }
}
