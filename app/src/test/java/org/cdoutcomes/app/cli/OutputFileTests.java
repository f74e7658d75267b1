package org.cdoutcomes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.cdoutcomes.app.CdoRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The output files of ingest (--rejects), analyze (--json) and report (--out) are checked before any work: a bad path
 * exits 2 naming the option. No server listens at the database URL, so a check that came after opening the database
 * would end in the connection's message instead.
 */
class OutputFileTests {
    private static final String NO_DATABASE = "jdbc:postgresql://127.0.0.1:1/nothing-listens";

    @TempDir
    Path work;

    private CdoRun run(String command, String option, Path file) throws Exception {
        Path visits = Files.writeString(work.resolve("visits.csv"), "visit_id,patient_id,visit_date,product,muscle,side,dose_units\n");
        return switch (command) {
            case "ingest" -> CdoRun.of("ingest", visits.toString(), option, file.toString(), "--db", NO_DATABASE);
            case "analyze" -> CdoRun.of("analyze", option, file.toString(), "--db", NO_DATABASE);
            default -> CdoRun.of("report", option, file.toString(), "--db", NO_DATABASE);
        };
    }

    private static void refused(CdoRun run, String expected) {
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains(expected), run::toString);
        assertEquals("", run.out(), "nothing was done, so nothing is reported done");
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), "one sentence, no stack trace: " + run);
    }

    @ParameterizedTest
    @CsvSource({"ingest, --rejects, r.csv", "analyze, --json, a.json", "report, --out, r.xlsx"})
    void aFileInsideAFileIsRefused(String command, String option, String name) throws Exception {
        Path data = Files.writeString(work.resolve("data.txt"), "not a folder");

        refused(run(command, option, data.resolve(name)), option + " expects a file in a folder, but " + data + " is a file, not a folder");
        // also when folders to create lie between the file and the path's existing part
        refused(run(command, option, data.resolve("sub").resolve(name)), option + " expects a file in a folder, but " + data + " is a file");
    }

    /**
     * "-" is the Unix habit for standard output; it wrote a file named "-" in the working directory (report --out
     * already wants a name ending in .xlsx).
     */
    @ParameterizedTest
    @CsvSource({"ingest, --rejects", "analyze, --json"})
    void aDashIsRefusedNamingStandardOutput(String command, String option) throws Exception {
        refused(run(command, option, Path.of("-")), option + " expects a file; for standard output give /dev/stdout");
        assertFalse(Files.exists(Path.of("-")));
    }

    @ParameterizedTest
    @CsvSource({"ingest, --rejects", "analyze, --json"})
    void aFolderIsRefused(String command, String option) throws Exception {
        Path folder = Files.createDirectory(work.resolve("out.xlsx"));

        refused(run(command, option, folder), option + " expects a file to write, but " + folder + " is a folder");
    }

    /** A folder the file system refuses whatever the permissions say (which, to the superuser, say yes): /proc. */
    @ParameterizedTest
    @CsvSource({"ingest, --rejects, r.csv", "analyze, --json, a.json"})
    void aFolderTheFileSystemRefusesIsRefused(String command, String option, String name) throws Exception {
        Path proc = Path.of("/proc");
        assumeTrue(Files.isDirectory(proc), "a Linux /proc takes no new file");

        refused(run(command, option, proc.resolve(name)), option + " expects a file in a folder cdo can write to, but "
                + proc + " cannot be written");
    }

    @ParameterizedTest
    @CsvSource({"ingest, --rejects, r.csv", "report, --out, r.xlsx"})
    void aFolderThatCannotBeWrittenIsRefused(String command, String option, String name) throws Exception {
        Path locked = Files.createDirectory(work.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(locked), "the superuser can write in any folder");

            refused(run(command, option, locked.resolve("new").resolve(name)),
                    option + " expects a file in a folder cdo can write to, but " + locked + " cannot be written");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** The output's file is replaced whole or not at all, and readable by whoever could read a new file there. */
    @Test
    void replaceWritesTheWholeFileWithTheUmasksOrTheReplacedFilesPermissions() throws Exception {
        Path file = work.resolve("out/report-2026-Q3.xlsx");
        OutputFile.replace(file, out -> out.write("first".getBytes(StandardCharsets.UTF_8)));
        assertEquals("first", Files.readString(file));
        Path fresh = Files.createFile(work.resolve("out/fresh.txt"));
        assertEquals(Files.getPosixFilePermissions(fresh), Files.getPosixFilePermissions(file), "as any new file (umask)");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
        OutputFile.replace(file, out -> out.write("second".getBytes(StandardCharsets.UTF_8)));
        assertEquals("second", Files.readString(file));
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), "as the file it replaced");

        assertThrows(IOException.class, () -> OutputFile.replace(file, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("second", Files.readString(file), "a failed write leaves the previous file");
        try (Stream<Path> listing = Files.list(file.getParent())) {
            assertEquals(List.of("fresh.txt", "report-2026-Q3.xlsx"), listing.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file left behind");
        }
    }

    /** A failure of the file system names the file the user asked for, not the hidden temporary file cdo wrote first. */
    @Test
    void aFileSystemFailureNamesTheOutputFile() throws Exception {
        Path folder = Files.createDirectories(work.resolve("shared"));
        Path file = folder.resolve("report-2026-Q3.xlsx");

        IOException failed = assertThrows(IOException.class, () -> OutputFile.replace(file, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            // the folder taken away while the report is written: its temporary file can no longer be renamed
            Files.move(folder, work.resolve("moved"));
        }));

        assertEquals("cannot write " + file + ": no such file", failed.getMessage());
        assertEquals("cannot write " + file + ": no such file", Failures.sentence(failed));
    }
}
