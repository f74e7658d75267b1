package org.cdoutcomes.app.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbox folder: new files lie at its top level; a run moves the ones it read to {@code processed/<run id>/} and
 * the unreadable ones to {@code failed/}, each with a {@code .reason.txt} beside it.
 */
final class Inbox {
    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);
    static final String PROCESSED = "processed";
    static final String FAILED = "failed";
    static final String REASON_SUFFIX = ".reason.txt";

    private Inbox() {
    }

    /**
     * The new files, by name: regular files at the top level, leaving out hidden files, names that say a copy is
     * still in progress ({@code .tmp}, {@code .part}, {@code .partial}) and the files Windows writes into folders.
     */
    static List<Path> newFiles(Path inbox) {
        if (!Files.isDirectory(inbox)) {
            throw new IllegalStateException("inbox " + inbox + " is not a folder");
        }
        try (Stream<Path> entries = Files.list(inbox)) {
            List<Path> listed = entries.sorted().toList();
            // a folder of exports dropped in whole would lie there unread for good, without a word
            listed.stream().filter(Files::isDirectory).map(path -> path.getFileName().toString())
                    .filter(name -> !name.equals(PROCESSED) && !name.equals(FAILED) && isNewFileName(name))
                    .forEach(name -> LOG.warn("The inbox holds a folder, {}, which runs do not read: put its files in the inbox itself",
                            name));
            // a link there could lead a run to read, and move, what the account running cdo may read elsewhere
            listed.stream().filter(Files::isSymbolicLink).map(path -> path.getFileName().toString()).filter(Inbox::isNewFileName)
                    .forEach(name -> LOG.warn("The inbox holds a symbolic link, {}, which runs do not follow: put the file itself there",
                            name));
            return listed.stream().filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
                    .filter(path -> isNewFileName(path.getFileName().toString()))
                    .map(Path::toAbsolutePath)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list inbox " + inbox, e);
        }
    }

    private static boolean isNewFileName(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return !name.startsWith(".") && !name.startsWith("~")
                && !lower.endsWith(".tmp") && !lower.endsWith(".part") && !lower.endsWith(".partial")
                // what Windows writes into a folder by itself (a shared inbox browsed in Explorer): not an export
                && !lower.equals("thumbs.db") && !lower.equals("desktop.ini");
    }

    /**
     * The file as it lies under its name now: its file key (device and inode), size and modification time. A copy
     * renamed over the name, as the README says to deliver files, has another.
     */
    static String identity(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.fileKey() + " " + attributes.size() + " " + attributes.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return "unreadable: " + e.getClass().getSimpleName();
        }
    }

    /**
     * Moves each file of the outcome out of the inbox, once. Every move first checks whether it already happened, so
     * applying the moves again after a crash at any point finishes them and changes nothing else. A file that is no
     * longer the one chosen ({@code identities}, by path; a file without one is moved) was replaced by a newer copy
     * while the run read it: that copy stays for the next run, which reads it (moving it would lose it unread).
     */
    static void moveDone(Path inbox, String runId, IngestOutcome outcome, Map<String, String> identities) {
        // whoever may drop exports in the inbox must not steer where cdo writes: no move or reason file through a link
        for (Path folder : List.of(inbox.resolve(PROCESSED), inbox.resolve(PROCESSED).resolve(runId), inbox.resolve(FAILED))) {
            if (Files.isSymbolicLink(folder)) {
                throw new IllegalStateException("the inbox's " + inbox.relativize(folder) + " is a symbolic link, which cdo does not "
                        + "move files through: make it a folder");
            }
        }
        for (FileOutcome file : outcome.files()) {
            Path source = file.path();
            if (!Files.exists(source)) {
                continue;
            }
            String chosen = identities.get(source.toString());
            if (chosen != null && !chosen.equals(identity(source))) {
                LOG.info("Run {}: {} was replaced in the inbox while the run read it; the new copy stays there for the next run",
                        runId, source.getFileName());
                continue;
            }
            if (file.failed()) {
                Path target = failedTarget(inbox, runId, source.getFileName().toString());
                AtomicFiles.write(target.resolveSibling(target.getFileName() + REASON_SUFFIX), file.failure() + System.lineSeparator());
                AtomicFiles.moveOnce(source, target);
            } else {
                AtomicFiles.moveOnce(source, inbox.resolve(PROCESSED).resolve(runId).resolve(source.getFileName()));
            }
        }
    }

    /**
     * {@code failed/<name>}, or {@code failed/<run id>-<name>} when an earlier run already left a file of that name
     * there (so it is not overwritten). Only this run's own move creates the first, so the choice is the same when
     * made again after a crash.
     */
    static Path failedTarget(Path inbox, String runId, String name) {
        Path failed = inbox.resolve(FAILED);
        Path plain = failed.resolve(name);
        return Files.exists(plain) ? failed.resolve(runId + "-" + name) : plain;
    }
}
