package org.cdoutcomes.db.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a PostgreSQL server writes into {@code postmaster.pid} of its data directory: its process id, start time
 * and port. The file outlives a server that was killed, so a reader checks the process before believing it.
 */
record PostmasterPidFile(long pid, Instant started, int port) {
    static final String NAME = "postmaster.pid";

    static Optional<PostmasterPidFile> read(Path dataDirectory) {
        List<String> lines;
        try {
            lines = Files.readAllLines(dataDirectory.resolve(NAME));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("cannot read " + dataDirectory.resolve(NAME) + ": " + e.getMessage(), e);
        }
        // A server writes the file in steps: until the port line is there, it is not usable yet.
        if (lines.size() < 4) {
            return Optional.of(new PostmasterPidFile(parse(lines, 0), Instant.EPOCH, 0));
        }
        return Optional.of(new PostmasterPidFile(parse(lines, 0), Instant.ofEpochSecond(parse(lines, 2)), (int) parse(lines, 3)));
    }

    private static long parse(List<String> lines, int index) {
        try {
            return lines.size() > index ? Long.parseLong(lines.get(index).trim()) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The live server process this file describes, if any. A recycled process id is told apart by the program
     * (a {@code postgres} executable) and by the start time the server wrote, which a newer process cannot share.
     */
    Optional<ProcessHandle> liveServer() {
        if (pid <= 0) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command()
                        .map(command -> Path.of(command).getFileName().toString().startsWith("postgres"))
                        .orElse(false))
                .filter(process -> started.equals(Instant.EPOCH) || process.info().startInstant()
                        .map(start -> Duration.between(start, started).abs().compareTo(Duration.ofSeconds(5)) <= 0)
                        .orElse(true));
    }
}
