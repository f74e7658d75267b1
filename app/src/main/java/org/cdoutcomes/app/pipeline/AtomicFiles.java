package org.cdoutcomes.app.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.cdoutcomes.model.files.OutputFiles;

/**
 * File operations a killed process leaves either undone or done, never half done: a reader never sees a partly
 * written file, and repeating an operation after a crash finishes it.
 */
final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Writes {@code text} as {@link OutputFiles} does, through a hidden temporary name beside {@code target}. The file
     * is cdo's own (a status, a reason): a link planted under its name is replaced, not written through, as
     * OutputFiles does for a file the user names.
     */
    static void write(Path target, String text) {
        try {
            if (Files.isSymbolicLink(target)) {
                Files.delete(target);
            }
            OutputFiles.write(target, file -> file.resolveSibling("." + file.getFileName() + ".tmp"),
                    out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** Renames {@code source} to {@code target} unless that already happened (the source is gone). */
    static void moveOnce(Path source, Path target) {
        if (!Files.exists(source)) {
            return;
        }
        try {
            Files.createDirectories(target.getParent());
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + source + " to " + target, e);
        }
    }

    /** Removes a folder and everything in it; nothing when it does not exist. */
    static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + folder, e);
        }
    }

    /** An empty folder at {@code folder}, whatever an interrupted earlier attempt left there. */
    static Path emptyFolder(Path folder) {
        deleteTree(folder);
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
    }
}
