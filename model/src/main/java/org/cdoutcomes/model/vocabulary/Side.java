package org.cdoutcomes.model.vocabulary;

import java.util.List;

/** Side of an injection; a bilateral row's dose covers both sides. */
public enum Side implements Coded {
    LEFT("left", "L"),
    RIGHT("right", "R"),
    BILATERAL("bilateral", "B");

    public static final Vocabulary<Side> VOCABULARY = Vocabulary.of(Side.class);

    private final String id;
    private final List<String> aliases;

    Side(String id, String... aliases) {
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
