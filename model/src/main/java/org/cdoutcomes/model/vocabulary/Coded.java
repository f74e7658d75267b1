package org.cdoutcomes.model.vocabulary;

import java.util.List;

/** A vocabulary entry: its canonical id (as written to the database and the JSON) and the aliases clinics type. */
public interface Coded {
    String id();

    List<String> aliases();
}
