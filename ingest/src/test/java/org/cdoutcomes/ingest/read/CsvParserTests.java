package org.cdoutcomes.ingest.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvParserTests {

    private static List<SourceRow> rows(String text) throws IOException {
        try (CsvParser parser = new CsvParser(() -> new StringReader(text))) {
            parser.header();
            List<SourceRow> rows = new ArrayList<>();
            for (SourceRow row = parser.next(); row != null; row = parser.next()) {
                rows.add(row);
            }
            return rows;
        }
    }

    @Test
    void commaSeparatedWithLfAndCrlfLineEnds() throws IOException {
        List<SourceRow> rows = rows("a,b\r\n1,2\r\n3,4\n5,6");
        assertEquals(3, rows.size());
        assertArrayEquals(new String[] {"1", "2"}, rows.get(0).cells());
        assertArrayEquals(new String[] {"3", "4"}, rows.get(1).cells());
        assertArrayEquals(new String[] {"5", "6"}, rows.get(2).cells());
        assertEquals(List.of(2L, 3L, 4L), rows.stream().map(SourceRow::line).toList());
    }

    @Test
    void semicolonDetectedFromHeaderAndBomSkipped() throws IOException {
        try (CsvParser parser = new CsvParser(() -> new StringReader("\uFEFFpatient_id;site_id\nP1;\"a,b\"\n"))) {
            assertEquals(List.of("patient_id", "site_id"), parser.header());
            assertEquals(';', parser.delimiter());
            assertArrayEquals(new String[] {"P1", "a,b"}, parser.next().cells());
            assertNull(parser.next());
        }
    }

    @Test
    void quotedFieldsSpanLinesAndEscapeQuotes() throws IOException {
        List<SourceRow> rows = rows("a,b\n\"one\ntwo\",\"say \"\"hi\"\"\"\nx,y\n");
        assertEquals(2, rows.size());
        assertArrayEquals(new String[] {"one\ntwo", "say \"hi\""}, rows.get(0).cells());
        assertEquals(2, rows.get(0).line());
        assertEquals(4, rows.get(1).line(), "the next row starts on the physical line after the two-line row");
    }

    @Test
    void unclosedQuoteRejectsTheRowWhereItStartsAndReadingResumesOnTheNextLine() throws IOException {
        List<SourceRow> rows = rows("a,b\n1,2\n3,\"never closed\n5,6\n7,8\n");
        assertEquals(4, rows.size());
        assertFalse(rows.get(0).malformed());
        assertTrue(rows.get(1).malformed());
        assertEquals(3, rows.get(1).line());
        assertArrayEquals(new String[] {"5", "6"}, rows.get(2).cells());
        assertEquals(4, rows.get(2).line());
        assertEquals(5, rows.get(3).line());
    }

    @Test
    void textAfterAClosingQuoteIsAQuoteThatNeverClosedProperly() throws IOException {
        List<SourceRow> rows = rows("a,b\n1,\"x\n2,\"y\",z\n");
        assertTrue(rows.get(0).malformed());
        assertEquals(2, rows.get(0).line());
        assertArrayEquals(new String[] {"2", "y", "z"}, rows.get(1).cells());
        assertEquals(3, rows.get(1).line());
    }

    @Test
    void rowsWithTooManyCellsAreCountedButNotKept() throws IOException {
        try (CsvParser parser = new CsvParser(() -> new StringReader("a,b\n1,2,3,4\n"))) {
            parser.keepAtMost(parser.header().size());
            SourceRow row = parser.next();
            assertEquals(4, row.cellCount());
            assertEquals(2, row.cells().length);
        }
    }

    @Test
    void blankRowsAreRecognisedAndEmptyFileHasNoHeader() throws IOException {
        List<SourceRow> rows = rows("a,b\n\n , \n1,2\n");
        assertTrue(rows.get(0).blank());
        assertTrue(rows.get(1).blank());
        assertEquals(4, rows.get(2).line());
        try (CsvParser parser = new CsvParser(() -> new StringReader(""))) {
            assertNull(parser.header());
        }
    }

    @Test
    void delimiterInsideQuotedHeaderCellsDoesNotCount() {
        assertEquals(';', CsvParser.detectDelimiter("\"a,b,c\";d;e"));
        assertEquals(',', CsvParser.detectDelimiter("a,b"));
    }
}
