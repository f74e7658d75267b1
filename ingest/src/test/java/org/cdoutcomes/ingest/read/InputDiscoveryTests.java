package org.cdoutcomes.ingest.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputDiscoveryTests {
    @TempDir
    Path root;

    private static List<String> files(List<PlannedInput> planned) {
        return planned.stream().map(PlannedInput::file).toList();
    }

    @Test
    void filesAreReadInAbsolutePathOrderWhateverOrderAndSpellingTheyAreGivenIn() throws IOException {
        Path exports = Files.createDirectories(root.resolve("exports"));
        Files.writeString(exports.resolve("visits-b.csv"), "");
        Files.writeString(exports.resolve("patients.csv"), "");
        Files.writeString(exports.resolve("notes.txt"), "");
        Path old = Files.createDirectories(root.resolve("old"));
        Files.writeString(old.resolve("visits-a.csv"), "");
        String folder = exports.toString();
        String oldVisits = old.resolve("visits-a.csv").toString();
        String missing = root.resolve("a-missing.csv").toString();

        List<String> expected = List.of(missing, exports.resolve("patients.csv").toString(), exports.resolve("visits-b.csv").toString(),
                oldVisits);
        assertEquals(expected, files(InputDiscovery.expand(List.of(folder, oldVisits, missing))));
        assertEquals(expected, files(InputDiscovery.expand(List.of(missing, oldVisits, folder))));
        // the same file spelled another way is read once, under the name first given
        String dotted = root.resolve("old").resolve(".").resolve("visits-a.csv").toString();
        assertEquals(List.of(exports.resolve("patients.csv").toString(), exports.resolve("visits-b.csv").toString(), dotted),
                files(InputDiscovery.expand(List.of(dotted, folder, oldVisits))));
    }

    /**
     * A file reached through a symbolic link, to itself or to its folder, is the file already read: once, under its first
     * name in reading order (read twice, a visit's rows were one chart and its doses doubled).
     */
    @Test
    void aFileReachedAgainThroughALinkIsReadOnce() throws IOException {
        Path march = Files.createDirectories(root.resolve("march"));
        Files.writeString(march.resolve("visits.csv"), "");
        Files.writeString(march.resolve("symptoms.csv"), "");
        Path linked = Files.createDirectories(root.resolve("linked"));
        Files.createSymbolicLink(linked.resolve("visits.csv"), march.resolve("visits.csv"));
        Path latest = Files.createSymbolicLink(root.resolve("latest"), march);

        assertEquals(List.of(linked.resolve("visits.csv").toString(), march.resolve("symptoms.csv").toString()),
                files(InputDiscovery.expand(List.of(march.toString(), linked.toString()))));
        assertEquals(List.of(latest.resolve("symptoms.csv").toString(), latest.resolve("visits.csv").toString()),
                files(InputDiscovery.expand(List.of(march.toString(), latest.toString()))));
    }

    /** input-formats.md: a folder's files whose names start with patients, visits or symptoms, case-insensitive, .csv or .xlsx. */
    @Test
    void aFolderGivesItsRecordFilesWhateverTheCaseOfTheirNames() throws IOException {
        Path exports = Files.createDirectories(root.resolve("exports"));
        for (String name : List.of("SYMPTOMS-Feb.CSV", "Visits.XLSX", "patients.txt", "export.csv", "visits-notes.docx")) {
            Files.writeString(exports.resolve(name), "");
        }
        Files.createDirectories(exports.resolve("visits-old.csv"));

        List<PlannedInput> planned = InputDiscovery.expand(List.of(exports.toString()));

        assertEquals(List.of(exports.resolve("SYMPTOMS-Feb.CSV").toString(), exports.resolve("Visits.XLSX").toString()), files(planned));
        assertEquals(List.of(RecordType.SYMPTOMS, RecordType.VISITS), planned.stream().map(p -> p.typeByName().orElseThrow()).toList());
    }
}
