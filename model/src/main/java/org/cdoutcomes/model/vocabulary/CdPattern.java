package org.cdoutcomes.model.vocabulary;

/** Clinical pattern of cervical dystonia (col-cap classification). */
public enum CdPattern implements Coded {
    TORTICOLLIS("torticollis"),
    LATEROCOLLIS("laterocollis"),
    ANTEROCOLLIS("anterocollis"),
    RETROCOLLIS("retrocollis"),
    TORTICAPUT("torticaput"),
    LATEROCAPUT("laterocaput"),
    ANTEROCAPUT("anterocaput"),
    RETROCAPUT("retrocaput"),
    SHIFT("shift"),
    MIXED("mixed");

    public static final Vocabulary<CdPattern> VOCABULARY = Vocabulary.of(CdPattern.class);

    private final Code code;

    CdPattern(String id, String... aliases) {
        code = Code.of(id, aliases);
    }

    @Override
    public Code code() {
        return code;
    }
}
