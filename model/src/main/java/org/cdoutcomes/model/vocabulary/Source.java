package org.cdoutcomes.model.vocabulary;

import java.util.List;

/** Who reported a symptom record. */
public enum Source implements Coded {
    PATIENT_DIARY("patient_diary"),
    CLINICIAN("clinician"),
    PHONE("phone"),
    OTHER("other");

    public static final Vocabulary<Source> VOCABULARY = Vocabulary.of(Source.class);

    private final String id;
    private final List<String> aliases;

    Source(String id, String... aliases) {
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
