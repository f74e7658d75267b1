package org.cdoutcomes.ingest.read;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One input of a run: {@code file} as the user gave it (or the folder as given joined with the file's name),
 * the path to open, the type its name announces, and a failure already known when the path is not usable.
 */
public record PlannedInput(String file, Path path, Optional<RecordType> typeByName, String failure) {
}
