package org.cdoutcomes.model.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.function.UnaryOperator;

/**
 * Writes the files a user names (a report, an analysis, a reject report). A regular file is written through a
 * temporary file beside it, moved into place, so a reader never sees half a file and a failed write leaves the old one
 * as it was. A symbolic link is followed: the file it names is replaced and the link stays. A path that names something
 * else (a device such as /dev/stdout, a named pipe) is written to directly: renaming over it would replace it, not
 * write to it.
 */
public final class OutputFiles {
    private static final int MAX_LINKS = 40;

    private OutputFiles() {
    }

    /** What goes into the file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code file}; the folder of a new file is created when missing. The replacement gets the permissions of
     * the file it replaces, else those of any new file (the umask's).
     *
     * @param temporaryFor the temporary file for the file to be replaced (a sibling of it)
     */
    public static void write(Path file, UnaryOperator<Path> temporaryFor, Content content) throws IOException {
        if (Files.exists(file) && !Files.isRegularFile(file) || isSystemPath(file)) {
            try (OutputStream out = Files.newOutputStream(file)) {
                content.writeTo(out);
            }
            return;
        }
        Path target = Files.exists(file) ? file.toRealPath() : linkedPath(file.toAbsolutePath());
        Files.createDirectories(target.getParent());
        Path temporary = temporaryFor.apply(target);
        boolean created = false;
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                created = true;
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
            if (created) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /**
     * /dev and /proc hold no files to replace: /dev/stdout that a shell redirected to a file is written through, as
     * {@code >} expects, not swapped for a new file the shell no longer writes to.
     */
    private static boolean isSystemPath(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith("/dev") || absolute.startsWith("/proc");
    }

    /** A path that does not exist yet, with the links that lead to it followed (a link may name a file to be created). */
    private static Path linkedPath(Path path) throws IOException {
        Path at = path;
        for (int i = 0; i < MAX_LINKS && Files.isSymbolicLink(at); i++) {
            at = at.resolveSibling(Files.readSymbolicLink(at)).normalize();
        }
        if (Files.isSymbolicLink(at)) {
            throw new IOException(path + ": too many levels of symbolic links");
        }
        return at;
    }
}
