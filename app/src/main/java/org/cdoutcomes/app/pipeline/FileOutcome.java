package org.cdoutcomes.app.pipeline;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * One input file of a run: its row counts, or why it could not be read at all ({@code failure}, null when read).
 * The path is kept as text because {@link Path} is not serializable.
 */
public record FileOutcome(String file, String failure, long read, long inserted, long updated, long unchanged,
                          long rejected, long warnings) implements Serializable {

    public static FileOutcome read(Path file, long read, long inserted, long updated, long unchanged, long rejected, long warnings) {
        return new FileOutcome(file.toString(), null, read, inserted, updated, unchanged, rejected, warnings);
    }

    public static FileOutcome failed(Path file, String reason) {
        return new FileOutcome(file.toString(), reason, 0, 0, 0, 0, 0, 0);
    }

    public Path path() {
        return Path.of(file);
    }

    public boolean failed() {
        return failure != null;
    }
}
