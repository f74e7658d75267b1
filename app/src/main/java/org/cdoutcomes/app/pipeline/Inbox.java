package org.cdoutcomes.app.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The inbox folder: new files lie at its top level; a run moves the ones it read to {@code processed/<run id>/} and
 * the unreadable ones to {@code failed/}, each with a {@code .reason.txt} beside it.
 */
final class Inbox {
    static final String PROCESSED = "processed";
    static final String FAILED = "failed";
    static final String REASON_SUFFIX = ".reason.txt";

    private Inbox() {
    }

    /**
     * The new files, by name: regular files at the top level, leaving out hidden files and names that say a copy is
     * still in progress ({@code .tmp}, {@code .part}, {@code .partial}).
     */
    static List<Path> newFiles(Path inbox) {
        if (!Files.isDirectory(inbox)) {
            throw new IllegalStateException("inbox " + inbox + " is not a folder");
        }
        try (Stream<Path> entries = Files.list(inbox)) {
            return entries.filter(Files::isRegularFile)
                    .filter(path -> isNewFileName(path.getFileName().toString()))
                    .sorted()
                    .map(Path::toAbsolutePath)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list inbox " + inbox, e);
        }
    }

    private static boolean isNewFileName(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return !name.startsWith(".") && !name.startsWith("~")
                && !lower.endsWith(".tmp") && !lower.endsWith(".part") && !lower.endsWith(".partial");
    }

    /**
     * Moves each file of the outcome out of the inbox, once. Every move first checks whether it already happened, so
     * applying the moves again after a crash at any point finishes them and changes nothing else.
     */
    static void moveDone(Path inbox, String runId, IngestOutcome outcome) {
        for (FileOutcome file : outcome.files()) {
            Path source = file.path();
            if (!Files.exists(source)) {
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
