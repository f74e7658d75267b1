package org.cdoutcomes.model.files;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.HashSet;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the files a user names (a report, an analysis, a reject report). A regular file is written through a
 * temporary file beside it, moved into place, so a reader never sees half a file and a failed write leaves the old one
 * as it was. Symbolic links are followed: the file they lead to is replaced and the links stay. Standard output or
 * error (/dev/stdout, /dev/fd/1, /proc/self/fd/2...) is written through the process's own descriptor, so a shell's
 * {@code >} or {@code >>} works as it expects; anything else that is not a regular file (a device, a named pipe) is
 * written to directly: renaming over it would replace it, not write to it.
 */
public final class OutputFiles {
    private static final int MAX_LINKS = 40;
    private static final Pattern STANDARD_STREAM = Pattern.compile("/dev/std(out|err)|/dev/fd/([12])|/proc/self/fd/([12])");
    /**
     * The temporary files being written: Ctrl-C or SIGTERM ends the JVM amid a write, without the finally that deletes
     * the file, and a hidden empty file stayed beside the output at each interrupted run. A shutdown hook deletes them.
     */
    private static final Set<Path> IN_FLIGHT = new HashSet<>();
    /** Set once the JVM ends: no temporary file is created or moved into place after the hook deleted them. */
    private static boolean ending;

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(OutputFiles::deleteInFlight, "cdo-delete-temporary-files"));
        } catch (IllegalStateException alreadyEnding) {
            ending = true;
        }
    }

    private static synchronized void deleteInFlight() {
        ending = true;
        for (Path temporary : IN_FLIGHT) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // the JVM is ending: nothing else can be done about it
            }
        }
    }

    /** Creates the temporary file and notes it, unless the JVM is ending. */
    private static synchronized OutputStream create(Path temporary, Path target) throws IOException {
        if (ending) {
            throw new IOException(target + " was not written: cdo is ending");
        }
        OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        IN_FLIGHT.add(temporary);
        return out;
    }

    /** Deletes the temporary file, if this write created it (a failure may come before). */
    private static synchronized void ended(Path temporary) throws IOException {
        if (IN_FLIGHT.remove(temporary)) {
            Files.deleteIfExists(temporary);
        }
    }

    /** Moves the finished temporary file into place, unless the JVM is ending (it was deleted, or is about to be). */
    private static synchronized void moveIntoPlace(Path temporary, Path target) throws IOException {
        if (ending) {
            throw new IOException(target + " was not written: cdo is ending");
        }
        try {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private OutputFiles() {
    }

    /** What goes into the file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Where a path leads once its links are followed, and how it is written. */
    public record Target(Path path, Kind kind) {
        /** The folder a new or replaced file needs, null for the other kinds. */
        public Path folder() {
            return kind == Kind.FILE ? path.getParent() : null;
        }
    }

    public enum Kind {
        /** A regular file, or one to be created: replaced through a temporary sibling. */
        FILE,
        /** The process's standard output or error. */
        STANDARD_STREAM,
        /** An existing device, named pipe or socket: written to as it is. */
        SPECIAL
    }

    /** Follows {@code file}'s links (relative ones from the folder they are in) to what it names. */
    public static Target resolve(Path file) throws IOException {
        Path at = file.toAbsolutePath();
        for (int i = 0; ; i++) {
            if (standardStream(at) != null) {
                return new Target(at, Kind.STANDARD_STREAM);
            }
            if (!Files.isSymbolicLink(at)) {
                break;
            }
            if (i == MAX_LINKS) {
                throw new IOException(file + ": too many levels of symbolic links");
            }
            // from the link's real folder: ".." in the link is taken from where the link really is
            at = at.getParent().toRealPath().resolve(Files.readSymbolicLink(at));
        }
        if (Files.exists(at, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(at, LinkOption.NOFOLLOW_LINKS)
                && !Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) {
            return new Target(at, Kind.SPECIAL);
        }
        return new Target(at, Kind.FILE);
    }

    /**
     * Writes {@code file} ({@link #resolve}); the folder of a new file is created when missing. A replacement gets the
     * permissions of the file it replaces where the file system allows, else those of any new file (the umask's).
     *
     * @param temporaryFor the temporary file for the file to be replaced (a sibling of it), created anew
     */
    public static void write(Path file, UnaryOperator<Path> temporaryFor, Content content) throws IOException {
        Target target = resolve(file);
        switch (target.kind()) {
            case STANDARD_STREAM -> {
                // the descriptor stays open: it is the process's own
                try (OutputStream out = new FilterOutputStream(new FileOutputStream(
                        standardStream(target.path()) == 1 ? FileDescriptor.out : FileDescriptor.err)) {
                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        out.write(bytes, offset, length);
                    }

                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                }) {
                    content.writeTo(out);
                }
            }
            case SPECIAL -> {
                try (OutputStream out = Files.newOutputStream(target.path(), StandardOpenOption.WRITE)) {
                    content.writeTo(out);
                }
            }
            case FILE -> replace(target.path(), temporaryFor.apply(target.path()), content);
        }
    }

    private static String reason(FileSystemException e) {
        if (e.getReason() != null) {
            return e.getReason();
        }
        return e instanceof NoSuchFileException ? "no such file" : e instanceof AccessDeniedException ? "permission denied"
                : e.getClass().getSimpleName();
    }

    private static void replace(Path target, Path temporary, Content content) throws IOException {
        Files.createDirectories(target.getParent());
        // a leftover of a killed run (or a link planted under its name) goes; a folder that is not empty stays, and fails
        Files.deleteIfExists(temporary);
        try {
            try (NamingFailures out = new NamingFailures(create(temporary, target), target)) {
                try {
                    content.writeTo(out);
                } catch (IOException | RuntimeException e) {
                    // a library may wrap the stream's failure, or drop it (POI: "The part /xl/charts/chart1.xml failed to
                    // be saved in the stream with marshaller ..."): the failure is the stream's, said of the file
                    if (out.failure != null && e != out.failure) {
                        out.failure.addSuppressed(e);
                        throw out.failure;
                    }
                    throw e;
                }
            }
            copyPermissions(target, temporary);
            moveIntoPlace(temporary, target);
        } catch (FileSystemException e) {
            if (!temporary.toString().equals(e.getFile())) {
                throw e;
            }
            // the user named the file, not its temporary sibling (the folder made read-only or moved while cdo wrote)
            throw new WriteFailure(target, reason(e), e);
        } finally {
            ended(temporary);
        }
    }

    /** Writing the temporary file failed (a full disk, a folder gone): said of the file the user named. */
    private static final class WriteFailure extends IOException {
        WriteFailure(Path target, String reason, IOException e) {
            super("cannot write " + target + ": " + reason);
            // suppressed, not the cause: a failure is told by its root cause, which would be the unnamed one
            addSuppressed(e);
        }
    }

    /** The temporary file's stream, whose failures name the file the user named ("No space left on device" names none). */
    private static final class NamingFailures extends FilterOutputStream {
        private final Path target;
        /** The first failure of the stream, whatever a library writing to it made of it. */
        private WriteFailure failure;

        NamingFailures(OutputStream out, Path target) {
            super(out);
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            named(() -> out.write(b));
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            named(() -> out.write(bytes, offset, length));
        }

        @Override
        public void flush() throws IOException {
            named(out::flush);
        }

        @Override
        public void close() throws IOException {
            named(out::close);
        }

        private void named(StreamOperation operation) throws IOException {
            try {
                operation.run();
            } catch (IOException e) {
                WriteFailure named = new WriteFailure(target, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
                if (failure == null) {
                    failure = named;
                }
                throw named;
            }
        }
    }

    @FunctionalInterface
    private interface StreamOperation {
        void run() throws IOException;
    }

    /** Best effort: a file system that refuses chmod (some network shares) still gets the file. */
    private static void copyPermissions(Path from, Path to) {
        try {
            PosixFileAttributeView replaced = Files.getFileAttributeView(from, PosixFileAttributeView.class);
            if (replaced != null && Files.isRegularFile(from)) {
                Files.setPosixFilePermissions(to, replaced.readAttributes().permissions());
            }
        } catch (IOException | UnsupportedOperationException e) {
            // the umask's permissions stay
        }
    }

    /** Whether {@code file} leads to this process's standard output. */
    public static boolean isStandardOutput(Path file) throws IOException {
        Target target = resolve(file);
        return target.kind() == Kind.STANDARD_STREAM && standardStream(target.path()) == 1;
    }

    /** 1 or 2 for a name of standard output or error, else null. */
    private static Integer standardStream(Path path) {
        Matcher m = STANDARD_STREAM.matcher(path.toString());
        if (!m.matches()) {
            return null;
        }
        String number = m.group(2) != null ? m.group(2) : m.group(3);
        return number != null ? Integer.valueOf(number) : "out".equals(m.group(1)) ? 1 : 2;
    }
}
