package org.cdoutcomes.model.vocabulary;

import java.util.List;

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

    private final String id;
    private final List<String> aliases;

    CdPattern(String id, String... aliases) {
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
