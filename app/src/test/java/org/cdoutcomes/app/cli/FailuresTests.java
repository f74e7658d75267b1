package org.cdoutcomes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class FailuresTests {
    private static String trace(Throwable thrown) {
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    @Test
    void theRootCauseInWordsWhenItsMessageIsOnlyAPath() {
        Exception thrown = new IllegalStateException("step failed",
                new UncheckedIOException(new FileAlreadyExistsException("/srv/cdo/misc/data.txt")));

        assertEquals("cannot create /srv/cdo/misc/data.txt: something of that name is already there", Failures.sentence(thrown));
        assertEquals("permission denied: /srv/outbox", Failures.sentence(new AccessDeniedException("/srv/outbox")));
    }

    /** A path is said whole, on one line: a file name may hold a line break, or an escape that would steer the terminal. */
    @Test
    void aPathWithControlCharactersIsSaidWholeOnOneLine() {
        assertEquals("/srv/inbox/visits\\nQ1\\x1B[2J.csv does not exist",
                Failures.sentence(new UncheckedIOException(new NoSuchFileException("/srv/inbox/visits\nQ1\u001B[2J.csv"))));
    }

    @Test
    void theFirstLineOfOtherMessagesWithoutTheServersSeverity() {
        SQLException duplicate = new SQLException("ERROR: duplicate key value violates unique constraint \"visit_pkey\"\n"
                + "  Detail: Key (visit_id)=(V-SECRET) already exists.");

        assertEquals("duplicate key value violates unique constraint \"visit_pkey\"", Failures.sentence(duplicate));
    }

    /** The value PostgreSQL quotes at the end of a message is a record's (here a date, elsewhere an id): not shown. */
    @Test
    void aValueTheServerQuotesIsWithheldButNotTheNamesOfTablesOrConstraints() {
        assertEquals("date/time field value out of range: (a value, not shown)",
                Failures.sentence(new SQLException("ERROR: date/time field value out of range: \"0000-01-01\"")));
        assertEquals("invalid input syntax for type numeric: (a value, not shown)",
                Failures.sentenceOfTrace("org.postgresql.util.PSQLException: ERROR: invalid input syntax for type numeric: \"CD-0047 \"x\"\"\n"
                        + "\tat org.postgresql.Driver.connect(Driver.java:1)"));
        assertEquals("new row for relation \"symptom\" violates check constraint \"symptom_check\"",
                Failures.sentence(new SQLException("ERROR: new row for relation \"symptom\" violates check constraint \"symptom_check\"")));
    }

    /**
     * A full disk under the database server, as PostgreSQL 15 words it when a table cannot grow (the message a helper's
     * ingest on a 60 MB tmpfs recorded) and when its write-ahead log cannot be written: its hint is on a later line.
     */
    @Test
    void aFullDiskUnderTheServerIsSaidSo() {
        String expected = "the database server's disk is full (could not extend file \"base/5/16779\": wrote only 4096 of 8192 bytes"
                + " at block 392): free space where it keeps its data (the embedded database's: under cdo-data, or --data-dir)";
        assertEquals(expected, Failures.sentence(new IllegalStateException(new SQLException("ERROR: could not extend file "
                + "\"base/5/16779\": wrote only 4096 of 8192 bytes at block 392\n  Hint: Check free disk space.", "53100"))));
        assertEquals(expected, Failures.sentenceOfTrace("java.lang.IllegalStateException: ingest of run run-20261207-163244 failed: 53100\n"
                + "\tat org.cdoutcomes.app.pipeline.ClinicPipelineStages.ingest(ClinicPipelineStages.java:69)\n"
                + "Caused by: org.postgresql.util.PSQLException: ERROR: could not extend file \"base/5/16779\": wrote only 4096 of 8192"
                + " bytes at block 392\n  Hint: Check free disk space.\n\tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse"));
        assertTrue(Failures.sentence(new SQLException("FATAL: could not write to file \"pg_wal/xlogtemp.4711\": No space left on device"))
                .startsWith("the database server's disk is full (could not write to file \"pg_wal/xlogtemp.4711\": No space left on device)"));
    }

    @Test
    void theClassNameInWordsWhenThereIsNoMessage() {
        assertEquals("null pointer", Failures.sentence(new RuntimeException(new NullPointerException())));
    }

    /** A server that went away mid-work: what happened and what to do, not the socket's words. */
    @Test
    void aServerThatStoppedAcceptingConnectionsIsSaidSo() {
        assertEquals("the database server stopped accepting connections (connection refused)", Failures.sentence(new IllegalStateException(new java.sql.SQLException("The connection attempt failed.",
                "08001", new java.net.ConnectException("Connection refused")))));
    }

    /** The one failure a user mends by giving more: say how. */
    @Test
    void outOfMemorySaysHowToGiveMore() {
        assertEquals("Java ran out of memory: give it more, for example with the environment variable CDO_JAVA_OPTS=-Xmx2g",
                Failures.sentence(new OutOfMemoryError()));
        assertEquals("Java ran out of memory (Java heap space): give it more, for example with the environment variable "
                + "CDO_JAVA_OPTS=-Xmx2g", Failures.sentenceOfTrace("java.lang.IllegalStateException: step failed\n"
                        + "\tat org.example.Step.run(Step.java:1)\nCaused by: java.lang.OutOfMemoryError: Java heap space\n"
                        + "\tat java.base/java.util.Arrays.copyOf(Arrays.java:1)"));
        assertEquals("Java ran out of memory (Metaspace)", Failures.sentence(new OutOfMemoryError("Metaspace")),
                "a larger heap would not help");
    }

    @Test
    void aReaderThatStoppedEarlyIsSaidInWords() {
        assertEquals("the program reading the output closed it before the end (broken pipe)",
                Failures.sentence(new UncheckedIOException(new java.io.IOException("Broken pipe"))));
    }

    @Test
    void aRecordedTraceGivesTheSameSentenceAsTheException() {
        Exception cleanup = new IllegalStateException("cleanup", new RuntimeException("a suppressed exception's cause"));
        Exception thrown = new IllegalStateException("step failed",
                new UncheckedIOException(new FileAlreadyExistsException("/srv/cdo/misc/data.txt")));
        thrown.addSuppressed(cleanup);
        SQLException duplicate = new SQLException("ERROR: duplicate key value violates unique constraint \"visit_pkey\"\n"
                + "  Detail: Key (visit_id)=(V-SECRET) already exists.");

        for (Throwable t : new Throwable[] {thrown, duplicate, new RuntimeException(new NullPointerException())}) {
            assertEquals(Failures.sentence(t), Failures.sentenceOfTrace(trace(t)), trace(t));
        }
    }

    @Test
    void textThatIsNoTraceIsKept() {
        assertEquals("1 of 3 files could not be read", Failures.sentenceOfTrace("1 of 3 files could not be read"));
    }
}
