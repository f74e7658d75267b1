package org.cdoutcomes.app.pipeline;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * One input file of a run: its row counts and the dose-chart muscles its corrections removed, or why it could not be
 * read at all ({@code failure}, null when read). The path is kept as text because {@link Path} is not serializable.
 * Kept serialized in the job's context: a record reads an outcome stored before {@code musclesRemoved} with 0.
 */
public record FileOutcome(String file, String failure, long read, long inserted, long updated, long unchanged,
                          long rejected, long warnings, long musclesRemoved) implements Serializable {

    public static FileOutcome read(Path file, long read, long inserted, long updated, long unchanged, long rejected, long warnings,
                                   long musclesRemoved) {
        return new FileOutcome(file.toString(), null, read, inserted, updated, unchanged, rejected, warnings, musclesRemoved);
    }

    public static FileOutcome failed(Path file, String reason) {
        return new FileOutcome(file.toString(), reason, 0, 0, 0, 0, 0, 0, 0);
    }

    public Path path() {
        return Path.of(file);
    }

    public boolean failed() {
        return failure != null;
    }
}
