package org.cdoutcomes.model.vocabulary;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Looks up an enum vocabulary by canonical id or alias, both normalised by {@link Codes#normalize}. */
public final class Vocabulary<E extends Enum<E> & Coded> {
    private final Class<E> type;
    private final Map<String, E> byNormalizedCode;
    private final Map<String, E> byId;

    private Vocabulary(Class<E> type) {
        this.type = type;
        Map<String, E> map = new HashMap<>();
        for (E entry : type.getEnumConstants()) {
            register(map, entry.id(), entry);
            entry.aliases().forEach(alias -> register(map, alias, entry));
        }
        this.byNormalizedCode = Collections.unmodifiableMap(map);
        Map<String, E> ids = new HashMap<>();
        for (E entry : type.getEnumConstants()) {
            ids.put(entry.id(), entry);
        }
        this.byId = Collections.unmodifiableMap(ids);
    }

    private void register(Map<String, E> map, String code, E entry) {
        E previous = map.put(Codes.normalize(code), entry);
        if (previous != null && previous != entry) {
            throw new IllegalStateException(type.getSimpleName() + ": code '" + code + "' names both " + previous + " and " + entry);
        }
    }

    public static <E extends Enum<E> & Coded> Vocabulary<E> of(Class<E> type) {
        return new Vocabulary<>(type);
    }

    /** The entry a typed code names, or empty when the code is not in this vocabulary. */
    public Optional<E> find(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(byNormalizedCode.get(Codes.normalize(code)));
    }

    /** The entry with this canonical id (as stored), failing loudly: stored ids come from this code. */
    public E byId(String id) {
        E entry = byId.get(id);
        if (entry == null) {
            throw new IllegalArgumentException(type.getSimpleName() + " has no id '" + id + "'");
        }
        return entry;
    }

    public List<E> entries() {
        return Arrays.asList(type.getEnumConstants());
    }

    public String name() {
        return type.getSimpleName();
    }
}
