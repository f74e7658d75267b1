package org.cdoutcomes.model.vocabulary;

import java.util.List;

/** A vocabulary entry: an enum constant with its {@link Code}. */
public interface Coded {
    Code code();

    default String id() {
        return code().id();
    }

    default List<String> aliases() {
        return code().aliases();
    }
}
