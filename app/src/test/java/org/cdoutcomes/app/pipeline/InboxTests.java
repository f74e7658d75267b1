package org.cdoutcomes.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class InboxTests {
    private static final String RUN_ID = "run-20261005-060000";
    private static final String REASON = "the header lacks visit_id";

    @TempDir
    Path root;

    @Test
    void newFilesAreTheTopLevelFilesByNameLeavingOutHiddenAndPartlyCopiedOnes() {
        Path inbox = root.resolve("inbox");
        for (String name : List.of("visits.csv", "patients.xlsx", ".visits.csv.swp", "symptoms.csv.part", "copy.tmp", "~lock.xlsx",
                "processed/run-1/old.csv", "failed/bad.csv", "Thumbs.db", "desktop.ini")) {
            PipelineFixtures.write(inbox.resolve(name), "x");
        }

        assertThat(Inbox.newFiles(inbox)).containsExactly(inbox.resolve("patients.xlsx").toAbsolutePath(), inbox.resolve("visits.csv").toAbsolutePath());
    }

    /** A folder of exports dropped into the inbox is not read: the run says so, rather than leave it there unread in silence. */
    @Test
    void aFolderInTheInboxIsNamedAsUnread(CapturedOutput output) {
        Path inbox = root.resolve("inbox");
        for (String name : List.of("week48/visits.csv", "processed/run-1/old.csv", "failed/bad.csv", ".cache/x", "visits.csv")) {
            PipelineFixtures.write(inbox.resolve(name), "x");
        }

        assertThat(Inbox.newFiles(inbox)).containsExactly(inbox.resolve("visits.csv").toAbsolutePath());
        assertThat(output.getAll().lines().filter(line -> line.contains("The inbox holds a folder")))
                .singleElement().asString().contains("WARN")
                .endsWith("The inbox holds a folder, week48, which runs do not read: put its files in the inbox itself");
    }

    @Test
    void readFilesGoToProcessedUnderTheRunAndUnreadableOnesToFailedWithTheirReason() {
        Path inbox = inbox(root);

        Inbox.moveDone(inbox, RUN_ID, outcome(inbox), Map.of());

        assertThat(PipelineFixtures.files(inbox)).isEqualTo(Map.of(
                "processed/" + RUN_ID + "/patients.csv", "patients",
                "processed/" + RUN_ID + "/visits.csv", "visits",
                "failed/notes.csv", "notes",
                "failed/notes.csv.reason.txt", REASON + System.lineSeparator(),
                "later.csv", "not of this run"));
    }

    @Test
    void anEarlierFailedFileOfTheSameNameIsKept() throws IOException {
        Path inbox = inbox(root);
        PipelineFixtures.write(inbox.resolve("failed/notes.csv"), "last week's notes");
        PipelineFixtures.write(inbox.resolve("failed/notes.csv.reason.txt"), "last week's reason");

        Inbox.moveDone(inbox, RUN_ID, outcome(inbox), Map.of());

        assertThat(inbox.resolve("failed/notes.csv")).hasContent("last week's notes");
        assertThat(inbox.resolve("failed/notes.csv.reason.txt")).hasContent("last week's reason");
        assertThat(inbox.resolve("failed/" + RUN_ID + "-notes.csv")).hasContent("notes");
        assertThat(Files.readString(inbox.resolve("failed/" + RUN_ID + "-notes.csv.reason.txt"))).isEqualTo(REASON + System.lineSeparator());
    }

    /** A newer export renamed over a file while a run read it (the README's way to deliver files) is not moved unread. */
    @Test
    void aFileReplacedSinceTheRunChoseItStaysForTheNextRun() throws IOException {
        Path inbox = inbox(root);
        Map<String, String> chosen = new HashMap<>();
        for (Path file : Inbox.newFiles(inbox)) {
            chosen.put(file.toString(), Inbox.identity(file));
        }
        PipelineFixtures.write(inbox.resolve("visits.csv.part"), "newer visits");
        Files.move(inbox.resolve("visits.csv.part"), inbox.resolve("visits.csv"), StandardCopyOption.REPLACE_EXISTING);

        Inbox.moveDone(inbox, RUN_ID, outcome(inbox), chosen);

        assertThat(inbox.resolve("visits.csv")).hasContent("newer visits");
        assertThat(inbox.resolve("processed/" + RUN_ID + "/visits.csv")).doesNotExist();
        assertThat(inbox.resolve("processed/" + RUN_ID + "/patients.csv")).hasContent("patients");
        assertThat(inbox.resolve("failed/notes.csv")).hasContent("notes");
    }

    /**
     * A process killed during the moves leaves a prefix of their file operations done, a reason file possibly still
     * under its temporary name; moving again from each such state ends where one uninterrupted pass ends.
     */
    @Test
    void movingAgainAfterACrashAtAnyPointEndsAsOneUninterruptedPass() throws IOException {
        Path expectedInbox = inbox(root.resolve("uninterrupted"));
        Inbox.moveDone(expectedInbox, RUN_ID, outcome(expectedInbox), Map.of());
        Map<String, String> expected = PipelineFixtures.files(expectedInbox);

        for (int done = 0; done <= 4; done++) {
            Path inbox = inbox(root.resolve("crash-" + done));
            List<IoStep> operations = operations(inbox);
            for (IoStep operation : operations.subList(0, done)) {
                operation.run();
            }

            Inbox.moveDone(inbox, RUN_ID, outcome(inbox), Map.of());

            assertThat(PipelineFixtures.files(inbox)).as("crash after %d operations", done).isEqualTo(expected);
        }
    }

    /**
     * Whoever may drop exports into the inbox must not steer cdo's writes: a failed/ (or processed/) that is a link
     * elsewhere fails the run before any move (the security audit had a file moved into the link's target, aimed at
     * ~/.ssh an account's keys); a link planted under a reason file's name is replaced, its target left as it was.
     */
    @Test
    void noMoveOrReasonFileGoesThroughALink() throws IOException {
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        Path linked = inbox(root.resolve("linked-failed"));
        Files.createSymbolicLink(linked.resolve("failed"), elsewhere);
        assertThatThrownBy(() -> Inbox.moveDone(linked, RUN_ID, outcome(linked), Map.of()))
                .hasMessage("the inbox's failed is a symbolic link, which cdo does not move files through: make it a folder");
        assertThat(elsewhere).isEmptyDirectory();
        assertThat(linked.resolve("notes.csv")).exists();

        Path precious = elsewhere.resolve("precious.conf");
        PipelineFixtures.write(precious, "keep me");
        Path planted = inbox(root.resolve("planted-reason"));
        Files.createDirectories(planted.resolve("failed"));
        Files.createSymbolicLink(planted.resolve("failed/notes.csv.reason.txt"), precious);
        Inbox.moveDone(planted, RUN_ID, outcome(planted), Map.of());
        assertThat(precious).hasContent("keep me");
        assertThat(planted.resolve("failed/notes.csv.reason.txt")).isRegularFile().hasContent(REASON);
    }

    /** A symbolic link in the inbox is not read (it could lead a run to what the account may read elsewhere): it is named. */
    @Test
    void aLinkInTheInboxIsNamedNotRead(CapturedOutput output) throws IOException {
        Path inbox = root.resolve("inbox");
        PipelineFixtures.write(inbox.resolve("visits.csv"), "x");
        Path secret = root.resolve("private/patients.csv");
        PipelineFixtures.write(secret, "patient_id\nP-1\n");
        Files.createSymbolicLink(inbox.resolve("patients-link.csv"), secret);

        assertThat(Inbox.newFiles(inbox)).containsExactly(inbox.resolve("visits.csv").toAbsolutePath());
        assertThat(output).contains("The inbox holds a symbolic link, patients-link.csv, which runs do not follow");
    }

    /** The file operations of one pass over {@link #outcome}, in order: notes' reason (temporary, renamed), notes, patients, visits. */
    private static List<IoStep> operations(Path inbox) {
        Path reason = inbox.resolve("failed/notes.csv.reason.txt");
        Path temporary = inbox.resolve("failed/.notes.csv.reason.txt.tmp");
        List<IoStep> operations = new ArrayList<>();
        operations.add(() -> PipelineFixtures.write(temporary, REASON + System.lineSeparator()));
        operations.add(() -> Files.move(temporary, reason));
        operations.add(() -> Files.move(inbox.resolve("notes.csv"), inbox.resolve("failed/notes.csv")));
        operations.add(() -> {
            Files.createDirectories(inbox.resolve("processed/" + RUN_ID));
            Files.move(inbox.resolve("patients.csv"), inbox.resolve("processed/" + RUN_ID + "/patients.csv"));
        });
        return operations;
    }

    private interface IoStep {
        void run() throws IOException;
    }

    private static Path inbox(Path root) {
        Path inbox = root.resolve("inbox");
        PipelineFixtures.write(inbox.resolve("notes.csv"), "notes");
        PipelineFixtures.write(inbox.resolve("patients.csv"), "patients");
        PipelineFixtures.write(inbox.resolve("visits.csv"), "visits");
        PipelineFixtures.write(inbox.resolve("later.csv"), "not of this run");
        return inbox;
    }

    private static IngestOutcome outcome(Path inbox) {
        return new IngestOutcome(List.of(
                FileOutcome.failed(inbox.resolve("notes.csv"), REASON),
                FileOutcome.read(inbox.resolve("patients.csv"), 2, 2, 0, 0, 0, 0, 0),
                FileOutcome.read(inbox.resolve("visits.csv"), 3, 2, 0, 0, 1, 0, 0)));
    }
}
