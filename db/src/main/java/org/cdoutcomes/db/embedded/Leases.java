package org.cdoutcomes.db.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * One lease file per process using the server of a data folder. Its process holds an operating-system lock on it
 * for as long as it lives; the system drops the lock when the process ends, however it ends (even SIGKILL), so a
 * lease whose lock can be taken belongs to a process that is gone. No process ids are trusted: they get recycled.
 */
final class Leases {
    private static final String SUFFIX = ".lease";

    private final Path folder;

    Leases(Path folder) {
        this.folder = folder;
    }

    /** A new lease for this process, held until {@link Lease#release()}. */
    Lease take() throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8) + SUFFIX);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new IOException("cannot lock the new lease " + file);
        }
        channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
        return new Lease(file, channel, lock);
    }

    /**
     * Deletes the leases of processes that are gone and says how many live processes hold one. Call it while this
     * process holds no lease of its own: probing its own lease through a second channel would drop its lock.
     */
    int alive() throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        int alive = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
            for (Path file : files) {
                if (held(file)) {
                    alive++;
                } else {
                    Files.deleteIfExists(file);
                }
            }
        }
        return alive;
    }

    private static boolean held(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    static final class Lease {
        private final Path file;
        private final FileChannel channel;
        private final FileLock lock;

        private Lease(Path file, FileChannel channel, FileLock lock) {
            this.file = file;
            this.channel = channel;
            this.lock = lock;
        }

        void release() throws IOException {
            try {
                lock.release();
                channel.close();
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }
}
