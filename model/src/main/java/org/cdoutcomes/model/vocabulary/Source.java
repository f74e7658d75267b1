package org.cdoutcomes.model.vocabulary;

/** Who reported a symptom record. */
public enum Source implements Coded {
    PATIENT_DIARY("patient_diary"),
    CLINICIAN("clinician"),
    PHONE("phone"),
    OTHER("other");

    public static final Vocabulary<Source> VOCABULARY = Vocabulary.of(Source.class);

    private final Code code;

    Source(String id, String... aliases) {
        code = Code.of(id, aliases);
    }

    @Override
    public Code code() {
        return code;
    }
}
