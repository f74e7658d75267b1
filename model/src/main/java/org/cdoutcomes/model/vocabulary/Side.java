package org.cdoutcomes.model.vocabulary;

/** Side of an injection; a bilateral row's dose covers both sides. */
public enum Side implements Coded {
    LEFT("left", "L"),
    RIGHT("right", "R"),
    BILATERAL("bilateral", "B");

    public static final Vocabulary<Side> VOCABULARY = Vocabulary.of(Side.class);

    private final Code code;

    Side(String id, String... aliases) {
        code = Code.of(id, aliases);
    }

    @Override
    public Code code() {
        return code;
    }
}
