package org.cdoutcomes.db.history;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.cdoutcomes.model.vocabulary.Coded;
import org.cdoutcomes.model.vocabulary.Vocabulary;

/**
 * The value a stored vocabulary id names, looked up by the id's raw bytes as the server sent them: millions of
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
            int slot = hash(key, 0, key.length) & mask;
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            values[slot] = value;
        });
    }

    /** The value of the id in {@code bytes[offset, offset + length)}. */
    @SuppressWarnings("unchecked")
    T get(byte[] bytes, int offset, int length) {
        for (int slot = hash(bytes, offset, length) & mask; keys[slot] != null; slot = (slot + 1) & mask) {
            if (Arrays.equals(keys[slot], 0, keys[slot].length, bytes, offset, offset + length)) {
                return (T) values[slot];
            }
        }
        throw new IllegalStateException(vocabulary + " has no id '" + new String(bytes, offset, length, StandardCharsets.UTF_8) + "'");
    }

    private static int hash(byte[] bytes, int offset, int length) {
        int hash = 1;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + bytes[i];
        }
        return hash;
    }
}
