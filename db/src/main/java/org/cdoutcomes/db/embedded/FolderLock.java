package org.cdoutcomes.db.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The cross-process lock under which one process at a time decides to start, join or stop a folder's server. */
final class FolderLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FolderLock.class);
    private static final Duration TELL_AFTER = Duration.ofSeconds(10);

    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits for the lock; another process holds it only while it starts or stops the server. */
    static FolderLock acquire(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            long start = System.nanoTime();
            boolean told = false;
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return new FolderLock(channel, lock);
                }
                if (!told && System.nanoTime() - start > TELL_AFTER.toNanos()) {
                    LOG.warn("waiting for another cdo to finish starting or stopping the database in {}", file.getParent());
                    told = true;
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            channel.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + file, e);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
