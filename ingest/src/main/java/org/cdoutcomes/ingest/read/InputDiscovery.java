package org.cdoutcomes.ingest.read;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.cdoutcomes.model.vocabulary.CodePointOrder;

/**
 * Turns the paths given to {@code ingest} into the run's inputs, in reading order. A folder contributes its files (not
 * sub-folders) whose names start with patients, visits or symptoms and end in .csv or .xlsx. The same file named twice
 * is read once, under the name first given; reached again through a symbolic link, under its first name in reading
 * order (a visit's rows read twice would double its doses). Reading order is by absolute path in code-point order,
 * whatever order or spelling the paths were given in: which row of an identity is "later" must not depend on it, so
 * that ingesting the same files in another order ends in the same state (input-formats.md).
 */
public final class InputDiscovery {
    private InputDiscovery() {
    }

    public static List<PlannedInput> expand(List<String> given) {
        // keyed by absolute path: the same file named twice, however spelled, is read once, and the map is the order
        Map<String, PlannedInput> inputs = new TreeMap<>(CodePointOrder.COMPARATOR);
        for (String name : given) {
            Path path = Path.of(name);
            if (Files.isDirectory(path)) {
                List<Path> found = scan(path);
                if (found.isEmpty()) {
                    inputs.putIfAbsent(key(path), new PlannedInput(name, path, Optional.empty(),
                            "the folder holds no file named patients*, visits* or symptoms* (.csv or .xlsx)"));
                }
                for (Path file : found) {
                    String shown = path.resolve(file.getFileName()).toString();
                    inputs.putIfAbsent(key(file), new PlannedInput(shown, file, RecordType.byFileName(file.getFileName().toString()), null));
                }
            } else {
                String failure = Files.exists(path) ? (Files.isReadable(path) ? null : "it cannot be read (permission denied)")
                        : "it does not exist";
                Optional<RecordType> type = path.getFileName() == null ? Optional.empty()
                        : RecordType.byFileName(path.getFileName().toString());
                inputs.putIfAbsent(key(path), new PlannedInput(name, path, type, failure));
            }
        }
        // A file reached again through a link is the same file: read once, under its first name in reading order.
        Set<Path> files = new HashSet<>();
        List<PlannedInput> planned = new ArrayList<>();
        for (PlannedInput input : inputs.values()) {
            if (files.add(realPath(input.path()))) {
                planned.add(input);
            }
        }
        return planned;
    }

    private static String key(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }

    /**
     * The file a path names, however spelled: links resolved, "." and ".." gone (a missing file: its absolute path).
     * What tells two runs' files apart.
     */
    public static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize(); // missing: it fails on its own, under its own name
        }
    }

    private static List<Path> scan(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> RecordType.isInputFileName(f.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
