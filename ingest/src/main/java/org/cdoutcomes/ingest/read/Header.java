package org.cdoutcomes.ingest.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cdoutcomes.model.vocabulary.Codes;

/**
 * A file's header matched against its record type: names trimmed and lower-cased; where each known column is;
 * the unknown ones. A column's rank is its position in the header, so "the first rule a row breaks" follows the
 * order the administrator sees; columns absent from the header rank after all present ones, in spec order.
 */
public final class Header {
    private static final int ABSENT_RANK_BASE = 100_000;

    private final RecordType type;
    private final List<String> names;
    private final Map<String, Integer> indexOf;
    private final List<String> unknown;

    private Header(RecordType type, List<String> names, Map<String, Integer> indexOf, List<String> unknown) {
        this.type = type;
        this.names = names;
        this.indexOf = indexOf;
        this.unknown = unknown;
    }

    public static List<String> normalize(List<String> rawNames) {
        List<String> names = new ArrayList<>(rawNames.size());
        for (String raw : rawNames) {
            names.add(raw == null ? "" : Codes.strip(raw).toLowerCase(Locale.ROOT));
        }
        return names;
    }

    /** Matches a header; {@code known} is the type announced by the file name, else the header decides. */
    public static Header match(List<String> rawNames, Optional<RecordType> known) {
        List<String> names = normalize(rawNames);
        RecordType type = known.or(() -> RecordType.byHeader(new LinkedHashSet<>(names)))
                .orElseThrow(() -> new UnreadableFileException(
                        "its header is not that of a patients, visits or symptoms file (and its name does not say which)"));
        Map<String, Integer> indexOf = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.isEmpty()) {
                continue;
            }
            if (!type.columns().contains(name)) {
                unknown.add(name);
            } else if (indexOf.putIfAbsent(name, i) != null) {
                throw new UnreadableFileException("its header has the column " + name + " twice");
            }
        }
        Set<String> missing = new LinkedHashSet<>();
        for (String column : type.columns()) {
            if (type.requiredColumns().contains(column) && !indexOf.containsKey(column)) {
                missing.add(column);
            }
        }
        if (!missing.isEmpty()) {
            throw new UnreadableFileException("its header lacks the required column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " of a " + type.id() + " file");
        }
        return new Header(type, List.copyOf(names), indexOf, List.copyOf(unknown));
    }

    public RecordType type() {
        return type;
    }

    /** The header's names as matched (trimmed, lower case), in file order. */
    public List<String> names() {
        return names;
    }

    public int width() {
        return names.size();
    }

    /** Cell index of a known column, or -1 when the header lacks it. */
    public int indexOf(String column) {
        return indexOf.getOrDefault(column, -1);
    }

    public int rank(String column) {
        Integer index = indexOf.get(column);
        return index != null ? index : ABSENT_RANK_BASE + type.columns().indexOf(column);
    }

    public List<String> unknownColumns() {
        return unknown;
    }
}
