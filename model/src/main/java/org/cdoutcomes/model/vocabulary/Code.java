package org.cdoutcomes.model.vocabulary;

import java.util.List;

/** A vocabulary entry's canonical id (as written to the database and the JSON) and the aliases clinics type for it. */
public record Code(String id, List<String> aliases) {
    public Code {
        aliases = List.copyOf(aliases);
    }

    public static Code of(String id, String... aliases) {
        return new Code(id, List.of(aliases));
    }
}
