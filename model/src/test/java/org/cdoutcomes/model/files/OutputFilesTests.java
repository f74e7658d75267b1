package org.cdoutcomes.model.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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

    /** Ctrl-C or SIGTERM ends the JVM amid a write, without the finally that deletes the temporary file: a shutdown hook does. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aWriteStoppedBySigtermLeavesNoTemporaryFile() throws Exception {
        Path report = Files.writeString(dir.resolve("report.xlsx"), "the last report");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), InterruptedWriteChild.class.getName(), report.toString())
                .redirectErrorStream(true).start();
        Path temporary = BESIDE.apply(report);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(temporary) && Files.size(temporary) > 0) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(Files.exists(temporary) && Files.size(temporary) > 0, () -> "the child is writing: " + new String(readAll(child), StandardCharsets.UTF_8));

        // SIGTERM: SIGINT does nothing to a JVM started with it ignored (a background job of a script)
        assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(child.pid())).start().waitFor());

        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(143, child.exitValue(), () -> new String(readAll(child), StandardCharsets.UTF_8));
        assertFalse(Files.exists(temporary), "the temporary file is deleted");
        assertEquals("the last report", Files.readString(report));
    }

    private static byte[] readAll(Process process) {
        try {
            return process.getInputStream().readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
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

    /** ".." in a link is taken from the folder the link really is in, also when that folder is reached through a link. */
    @Test
    void aRelativeLinkIsFollowedFromTheFolderItReallyIsIn() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("real/sub"));
        Path alias = Files.createSymbolicLink(dir.resolve("alias"), Path.of("real/sub"));
        Files.createSymbolicLink(sub.resolve("latest.json"), Path.of("../q3.json"));

        write(alias.resolve("latest.json"), "new");

        assertEquals("new", Files.readString(dir.resolve("real/q3.json")));
        assertTrue(Files.isSymbolicLink(sub.resolve("latest.json")));
    }

    /** A temporary file a killed run left, or a link planted under its name, is replaced, not written through. */
    @Test
    void aLeftoverTemporaryFileIsReplacedNotWrittenThrough() throws IOException {
        Path elsewhere = Files.writeString(dir.resolve("elsewhere.txt"), "untouched");
        Path report = dir.resolve("report.json");
        Files.createSymbolicLink(dir.resolve("report.json.partial"), elsewhere);

        write(report, "new");

        assertEquals("new", Files.readString(report));
        assertEquals("untouched", Files.readString(elsewhere));
        assertFalse(Files.exists(dir.resolve("report.json.partial"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void standardStreamsDevicesAndFilesAreToldApartAfterTheirLinks() throws IOException {
        Path toStdout = Files.createSymbolicLink(dir.resolve("out.json"), Path.of("/dev/stdout"));

        assertEquals(OutputFiles.Kind.STANDARD_STREAM, OutputFiles.resolve(Path.of("/dev/stdout")).kind());
        assertEquals(OutputFiles.Kind.STANDARD_STREAM, OutputFiles.resolve(Path.of("/proc/self/fd/2")).kind());
        assertEquals(OutputFiles.Kind.STANDARD_STREAM, OutputFiles.resolve(toStdout).kind());
        assertTrue(OutputFiles.isStandardOutput(toStdout));
        assertFalse(OutputFiles.isStandardOutput(Path.of("/dev/stderr")));
        assertEquals(OutputFiles.Kind.SPECIAL, OutputFiles.resolve(Path.of("/dev/null")).kind());
        assertEquals(OutputFiles.Kind.FILE, OutputFiles.resolve(dir.resolve("new.json")).kind());
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
