package org.cdoutcomes.model.vocabulary;

/** Side-effect terms of adverse_event records. */
public enum AdverseEventTerm implements Coded {
    DYSPHAGIA("dysphagia", "swallowing difficulty"),
    NECK_WEAKNESS("neck_weakness", "neck muscle weakness"),
    INJECTION_SITE_PAIN("injection_site_pain"),
    DRY_MOUTH("dry_mouth"),
    DYSPHONIA("dysphonia", "hoarseness"),
    FLU_LIKE_SYMPTOMS("flu_like_symptoms"),
    HEADACHE("headache"),
    FATIGUE("fatigue"),
    MUSCULOSKELETAL_PAIN("musculoskeletal_pain"),
    OTHER("other");

    public static final Vocabulary<AdverseEventTerm> VOCABULARY = Vocabulary.of(AdverseEventTerm.class);

    private final Code code;

    AdverseEventTerm(String id, String... aliases) {
        code = Code.of(id, aliases);
    }

    @Override
    public Code code() {
        return code;
    }
}
