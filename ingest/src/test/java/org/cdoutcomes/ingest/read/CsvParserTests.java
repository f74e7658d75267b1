package org.cdoutcomes.ingest.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
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

    /**
     * Text after a closing quote on the row's own line: the next line is read on, not the file again from its top
     * (once per such row: a file of 80,000 of them took 41 s, quadratic in their number).
     */
    @Test
    void textAfterAClosingQuoteOnItsOwnLineResumesWithoutReadingTheFileAgain() throws IOException {
        int[] opened = {0};
        List<SourceRow> rows = new ArrayList<>();
        try (CsvParser parser = new CsvParser(() -> {
            opened[0]++;
            return new StringReader("a,b\n\"x\"y,3\n2,4\n\"5\"z,6\n7,8\n\"9\"w");
        })) {
            parser.header();
            for (SourceRow row = parser.next(); row != null; row = parser.next()) {
                rows.add(row);
            }
        }
        assertEquals(List.of("2 malformed", "3 [2, 4]", "4 malformed", "5 [7, 8]", "6 malformed"), rows.stream()
                .map(row -> row.line() + " " + (row.malformed() ? "malformed" : Arrays.toString(row.cells()))).toList());
        assertEquals(1, opened[0], "the file was read once");
    }

    @Test
    void rowsWithTooManyCellsAreCountedButNotKept() throws IOException {
        try (CsvParser parser = new CsvParser(() -> new StringReader("a,b\n1,2,,4,5\n"))) {
            parser.keepAtMost(parser.header().size());
            SourceRow row = parser.next();
            assertEquals(5, row.cellCount());
            assertArrayEquals(new String[] {"1", "2", "4"}, row.cells(), "past the header, only the first cell with text is kept");
        }
    }

    /**
     * A file without line feeds would be one header line, read whole into memory (a 300 MB export with CR line ends ran
     * out of memory): a first line longer than any header is refused once that long. The sources here never end.
     */
    @Test
    void aFirstLineLongerThanAnyHeaderIsRefusedWithoutReadingOn() throws IOException {
        try (CsvParser parser = new CsvParser(() -> endless("patient_id;site_id;"))) {
            UnreadableFileException refused = assertThrows(UnreadableFileException.class, parser::header);
            assertEquals("its first line is longer than 1,048,576 characters, which no header of column names is", refused.getMessage());
        }
        try (CsvParser parser = new CsvParser(() -> endless("patient_id,sex\rP1,F\r"))) {
            assertEquals(CsvParser.CR_LINE_ENDS, assertThrows(UnreadableFileException.class, parser::header).getMessage());
        }
        String longest = "a".repeat(CsvParser.MAX_HEADER_CHARS - 2) + ",b";
        try (CsvParser parser = new CsvParser(() -> new StringReader(longest + "\n1,2\n"))) {
            assertEquals(List.of("a".repeat(CsvParser.MAX_HEADER_CHARS - 2), "b"), parser.header(), "a header of the longest length");
        }
    }

    /** {@code text} again and again, for ever. */
    private static Reader endless(String text) {
        return new Reader() {
            private int next;

            @Override
            public int read(char[] buffer, int offset, int length) {
                for (int i = 0; i < length; i++) {
                    buffer[offset + i] = text.charAt(next++ % text.length());
                }
                return length;
            }

            @Override
            public void close() {
            }
        };
    }

    /** A quoted cell longer than the parser keeps is cut, not taken for a quote that never closes: its lines stay in it. */
    @Test
    void aQuotedCellLongerThanTheLimitEndsAtItsClosingQuote() throws IOException {
        String longText = "y".repeat(CsvParser.MAX_FIELD_CHARS) + "\nP-fake,M\n" + "z".repeat(100);
        List<SourceRow> rows = rows("a,b\n1,\"" + longText + "\"\n2,3\n");
        assertEquals(2, rows.size());
        assertFalse(rows.get(0).malformed());
        assertArrayEquals(new String[] {"1", "y".repeat(CsvParser.MAX_FIELD_CHARS)}, rows.get(0).cells());
        assertEquals(2, rows.get(0).line());
        assertArrayEquals(new String[] {"2", "3"}, rows.get(1).cells());
        assertEquals(5, rows.get(1).line(), "the cell's two line breaks count");
    }

    /** Text only past the header's last column makes no blank row (it is one with too many cells); empty cells there do. */
    @Test
    void textOnlyBeyondTheHeaderIsNoBlankRow() throws IOException {
        try (CsvParser parser = new CsvParser(() -> new StringReader("a,b\n,,x\n,, \n"))) {
            parser.keepAtMost(parser.header().size());
            SourceRow text = parser.next();
            assertFalse(text.blank());
            assertEquals(3, text.cellCount());
            SourceRow spaces = parser.next();
            assertTrue(spaces.blank());
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

    /**
     * Rows written from known cells (plain, empty, quoted with delimiters, quotes and line breaks, a lone carriage
     * return, CRLF and LF line ends) come back cell for cell and line for line, however the reader splits the text:
     * the parser takes plain runs straight from its buffer, so every cell must survive a buffer refill anywhere in it.
     */
    @Test
    void cellsComeBackIntactWhereverTheReaderSplitsTheText() throws IOException {
        Random random = new Random(20261125);
        String[] pieces = {"CD-000017", "", "2024-02-29", "say \"hi\"", "a,b", "two\nlines", "x\ry", "12.5", " padded "};
        List<String[]> written = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        StringBuilder text = new StringBuilder("a,b,c\n");
        long line = 2;
        for (int r = 0; r < 3000; r++) {
            String[] cells = new String[3];
            lines.add(line);
            for (int i = 0; i < 3; i++) {
                cells[i] = pieces[random.nextInt(pieces.length)] + (random.nextInt(4) == 0 ? "z".repeat(random.nextInt(300)) : "");
                boolean quote = cells[i].contains(",") || cells[i].contains("\"") || cells[i].contains("\n") || random.nextInt(5) == 0;
                text.append(i > 0 ? "," : "").append(quote ? '"' + cells[i].replace("\"", "\"\"") + '"' : cells[i]);
                line += cells[i].chars().filter(c -> c == '\n').count();
            }
            text.append(random.nextBoolean() ? "\r\n" : "\n");
            line++;
            written.add(cells);
        }
        for (int chunk : new int[] {1, 7, 4096, 1 << 20}) {
            try (CsvParser parser = new CsvParser(() -> new ChunkedReader(new StringReader(text.toString()), chunk))) {
                parser.header();
                for (int r = 0; r < written.size(); r++) {
                    SourceRow row = parser.next();
                    assertArrayEquals(written.get(r), row.cells(), "row " + r + " read in chunks of " + chunk);
                    assertEquals(lines.get(r), row.line(), "line of row " + r + " read in chunks of " + chunk);
                }
                assertNull(parser.next());
            }
        }
    }

    /** Hands out at most {@code chunk} characters per read, as a slow stream would. */
    private static final class ChunkedReader extends FilterReader {
        private final int chunk;

        ChunkedReader(Reader in, int chunk) {
            super(in);
            this.chunk = chunk;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            return super.read(buffer, offset, Math.min(length, chunk));
        }
    }
}
