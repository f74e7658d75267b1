package org.cdoutcomes.db.history;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.cdoutcomes.model.vocabulary.Coded;
import org.cdoutcomes.model.vocabulary.Vocabulary;

/**
 * The value a stored vocabulary id names, looked up by the id's raw bytes as the driver received them: millions of
 * rows each carry a few ids from a list of dozens, and decoding each into a String first was a fifth of the reader's
 * allocation. Open addressing over a small table; ids that are not in it fail loudly (stored ids come from the model).
 */
final class StoredIds<T> {
    private final String vocabulary;
    private final byte[][] keys;
    private final Object[] values;
    private final int mask;

    /** The entries of a vocabulary, by id. */
    static <E extends Enum<E> & Coded> StoredIds<E> of(Vocabulary<E> vocabulary) {
        Map<String, E> byId = new HashMap<>();
        vocabulary.entries().forEach(entry -> byId.put(entry.id(), entry));
        return new StoredIds<>(vocabulary.name(), byId);
    }

    /** The ids of the vocabularies themselves, one String instance per id. */
    static StoredIds<String> idsOf(String name, Vocabulary<?>... vocabularies) {
        Map<String, String> ids = new HashMap<>();
        for (Vocabulary<?> vocabulary : vocabularies) {
            vocabulary.entries().forEach(entry -> ids.put(entry.id(), entry.id()));
        }
        return new StoredIds<>(name, ids);
    }

    private StoredIds(String vocabulary, Map<String, T> byId) {
        this.vocabulary = vocabulary;
        int size = Integer.highestOneBit(Math.max(byId.size(), 1) * 4 - 1) << 1;
        keys = new byte[size][];
        values = new Object[size];
        mask = size - 1;
        byId.forEach((id, value) -> {
            byte[] key = id.getBytes(StandardCharsets.UTF_8);
            int slot = Arrays.hashCode(key) & mask;
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            values[slot] = value;
        });
    }

    /** The value of the column's id; null when the column is null. */
    @SuppressWarnings("unchecked")
    T get(ResultSet rs, int column) throws SQLException {
        byte[] id = rs.getBytes(column);
        if (id == null) {
            return null;
        }
        for (int slot = Arrays.hashCode(id) & mask; keys[slot] != null; slot = (slot + 1) & mask) {
            if (Arrays.equals(keys[slot], id)) {
                return (T) values[slot];
            }
        }
        throw new IllegalStateException(vocabulary + " has no id '" + new String(id, StandardCharsets.UTF_8) + "'");
    }
}
