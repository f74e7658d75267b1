package org.cdoutcomes.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.UUID;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The check of an option naming a file that a command writes at the end of its work (a temporary file in the same
 * folder, moved into place; the folder is created when missing): done before any work, so that a bad path exits 2
 * naming the option, instead of failing after hours of analysis or after an ingest has committed.
 */
public final class OutputFile {
    private OutputFile() {
    }

    /** @throws ParameterException (exit 2) when {@code file} is a folder, or the nearest existing folder above it is not one or cannot be written */
    public static void check(CommandSpec spec, String option, Path file) {
        if (Files.isDirectory(file)) {
            throw new ParameterException(spec.commandLine(), option + " expects a file to write, but " + file + " is a folder");
        }
        for (Path above = file.toAbsolutePath().getParent(); above != null; above = above.getParent()) {
            if (Files.isDirectory(above)) {
                if (!writable(above)) {
                    throw new ParameterException(spec.commandLine(), option + " expects a file in a folder cdo can write to, but "
                            + above + " cannot be written");
                }
                return;
            }
            if (Files.exists(above)) {
                throw new ParameterException(spec.commandLine(), option + " expects a file in a folder, but " + above
                        + " is a file, not a folder");
            }
        }
    }

    /** What a command writes into its output file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code file} through a temporary file in the same folder (created when missing) moved into place, so a
     * reader never sees half a file and a failed run leaves the previous file as it was. The file gets the permissions
     * of the file it replaces, else those of any new file (the umask's): a report the clinic's staff open must not
     * be readable by its writer alone, as a temporary file made by Files.createTempFile is.
     */
    public static void replace(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Path folder = Files.createDirectories(target.getParent());
        Path temporary = Files.createFile(folder.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp"));
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                content.writeTo(out);
            }
            PosixFileAttributeView replaced = Files.getFileAttributeView(target, PosixFileAttributeView.class);
            if (replaced != null && Files.isRegularFile(target)) {
                Files.setPosixFilePermissions(temporary, replaced.readAttributes().permissions());
            }
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Tried, not asked: permissions say yes to root where the file system says no (/proc, a read-only mount). */
    private static boolean writable(Path folder) {
        try {
            Files.delete(Files.createTempFile(folder, ".cdo-write-check", ".tmp"));
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
