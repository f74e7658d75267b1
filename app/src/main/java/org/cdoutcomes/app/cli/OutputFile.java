package org.cdoutcomes.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.cdoutcomes.model.files.OutputFiles;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The check of an option naming a file that a command writes at the end of its work ({@link OutputFiles}): done
 * before any work, so that a bad path exits 2 naming the option, instead of failing after hours of analysis or after
 * an ingest has committed.
 */
public final class OutputFile {
    private OutputFile() {
    }

    /**
     * @throws ParameterException (exit 2) when {@code file} (its links followed) is a folder, or the nearest existing folder
     *                            above it is not one or cannot be written, or it is a device or pipe that cannot be written
     */
    public static void check(CommandSpec spec, String option, Path file) {
        if (file.toString().equals("-")) {
            // the Unix habit for standard output: never meant as a file named "-" in the working directory
            throw new ParameterException(spec.commandLine(), option + " expects a file; for standard output give /dev/stdout");
        }
        OutputFiles.Target target;
        try {
            target = OutputFiles.resolve(file);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), option + " expects a file cdo can write, but " + file + " cannot be "
                    + "followed to one: " + e.getMessage());
        }
        switch (target.kind()) {
            case STANDARD_STREAM -> {
                return;
            }
            case SPECIAL -> {
                if (!Files.isWritable(target.path())) {
                    throw new ParameterException(spec.commandLine(), option + " expects a file cdo can write, but " + file
                            + " cannot be written");
                }
                return;
            }
            case FILE -> {
                // below
            }
        }
        if (Files.isDirectory(target.path())) {
            throw new ParameterException(spec.commandLine(), option + " expects a file to write, but " + file + " is a folder");
        }
        requireWritableFolderAt(spec, target.folder(), option + " expects a file in a folder cdo can write to",
                option + " expects a file in a folder", " is a file, not a folder");
    }

    /**
     * The check of an option naming a folder that a command creates (when missing) and writes in, done before any work.
     *
     * @throws ParameterException (exit 2) when {@code folder} is a file, or the nearest existing folder at or above it
     *                            cannot be written
     */
    public static void checkFolder(CommandSpec spec, String option, Path folder) {
        requireWritableFolderAt(spec, folder.toAbsolutePath().normalize(), option + " expects a folder cdo can create or write in",
                option + " expects a folder", " is a file");
    }

    /** The nearest existing folder at or above {@code folder} must be writable, with nothing but folders on the way. */
    private static void requireWritableFolderAt(CommandSpec spec, Path folder, String writableExpected, String folderExpected,
                                                String isAFile) {
        for (Path above = folder; above != null; above = above.getParent()) {
            if (Files.isDirectory(above)) {
                if (!canWriteIn(above)) {
                    throw new ParameterException(spec.commandLine(), writableExpected + ", but " + above + " cannot be written");
                }
                return;
            }
            if (Files.exists(above)) {
                throw new ParameterException(spec.commandLine(), folderExpected + ", but " + above + isAFile);
            }
        }
    }

    /**
     * Writes {@code file} as {@link OutputFiles} does, through a uniquely named hidden temporary file (two commands
     * writing the same file do not share one).
     */
    public static void replace(Path file, OutputFiles.Content content) throws IOException {
        OutputFiles.write(file, target -> target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp"), content);
    }

    /**
     * Whether cdo can create a file in the folder: tried, not asked, as permissions say yes to root where the file system
     * says no (/proc, a read-only mount).
     */
    public static boolean canWriteIn(Path folder) {
        try {
            Files.delete(Files.createTempFile(folder, ".cdo-write-check", ".tmp"));
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
