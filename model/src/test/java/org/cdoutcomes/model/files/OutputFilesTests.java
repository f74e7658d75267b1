package org.cdoutcomes.model.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTests {
    private static final UnaryOperator<Path> BESIDE = target -> target.resolveSibling(target.getFileName() + ".partial");

    @TempDir
    Path dir;

    private static void write(Path file, String text) throws IOException {
        OutputFiles.write(file, BESIDE, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aRegularFileIsReplacedKeepingItsPermissionsAndNoTemporaryFileStays() throws IOException {
        Path report = Files.writeString(dir.resolve("report.json"), "old");
        Files.setPosixFilePermissions(report, PosixFilePermissions.fromString("rw-r-----"));

        write(report, "new");

        assertEquals("new", Files.readString(report));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(report)));
        assertEquals(List.of(report), Files.list(dir).toList());
    }

    @Test
    void aFailedWriteLeavesTheOldFile() throws IOException {
        Path report = Files.writeString(dir.resolve("report.json"), "old");

        assertThrows(IOException.class, () -> OutputFiles.write(report, BESIDE, out -> {
            out.write('x');
            throw new IOException("disk full");
        }));

        assertEquals("old", Files.readString(report));
        assertEquals(List.of(report), Files.list(dir).toList());
    }

    @Test
    void aLinkStaysALinkAndTheFileItNamesIsReplaced() throws IOException {
        Path target = Files.writeString(Files.createDirectories(dir.resolve("shared")).resolve("q3.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("latest.json"), Path.of("shared/q3.json"));

        write(link, "new");

        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(target));
    }

    @Test
    void aLinkToAFileNotYetWrittenCreatesIt() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("latest.json"), Path.of("shared/q3.json"));

        write(link, "new");

        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(dir.resolve("shared/q3.json")));
    }

    /** A named pipe gets the content; renaming a file over it would have replaced the pipe and left its reader waiting. */
    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aNamedPipeIsWrittenToNotReplaced() throws Exception {
        Path pipe = dir.resolve("pipe");
        assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start().waitFor());
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(pipe);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
            try {
                write(pipe, "through the pipe");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        written.get(10, TimeUnit.SECONDS);
        assertFalse(Files.isRegularFile(pipe), "the pipe is still a pipe");
        assertEquals("through the pipe", read.get(10, TimeUnit.SECONDS));
    }
}
