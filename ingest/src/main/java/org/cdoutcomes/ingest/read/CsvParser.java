package org.cdoutcomes.ingest.read;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.cdoutcomes.model.vocabulary.Codes;

/**
 * A streaming RFC 4180 parser: comma or semicolon (whichever the header line has more of, outside quotes),
 * optional BOM, LF or CRLF, quoted fields that may span lines with {@code ""} for a quote. A quote that never
 * closes (end of file, or text after the closing quote) makes the row malformed: it is returned as such at the
 * line where it starts and reading resumes on the next physical line, which needs the text again, so the parser
 * reopens its source rather than buffering a runaway field. A field keeps at most {@link #MAX_FIELD_CHARS} of its
 * text, quoted or not (memory stays bounded; no valid value comes near it, so the rules reject it all the same).
 */
public final class CsvParser implements Closeable {

    /** Opens the text from its beginning; called again to resume after a runaway quote. */
    @FunctionalInterface
    public interface Source {
        Reader open() throws IOException;
    }

    static final int MAX_FIELD_CHARS = 1 << 20;
    /** Of a header line: one longer is no header (a file without line feeds would be read whole into memory as one). */
    static final int MAX_HEADER_CHARS = MAX_FIELD_CHARS;
    /** Why a file whose lines end in CR alone is unreadable: all of it is one header line. */
    static final String CR_LINE_ENDS = "its lines end in a carriage return alone (an old Mac format); save it with LF or CRLF line ends";
    private static final char BOM = '\uFEFF';

    private final Source source;
    private int maxCells = Integer.MAX_VALUE;
    private final char[] buffer = new char[1 << 16];
    private final StringBuilder field = new StringBuilder();
    private String[] cells = new String[16];
    private int kept;
    private Reader reader;
    private int position;
    private int limit;
    private long line = 1;
    private boolean eof;
    private char delimiter = ',';
    private List<String> header;

    public CsvParser(Source source) throws IOException {
        this.source = source;
        this.reader = source.open();
    }

    /** Cells beyond this many are counted but not kept (but one, see addCell): a row with more cells than the header is rejected anyway. */
    public void keepAtMost(int cells) {
        this.maxCells = cells;
    }

    /**
     * The header line's cells (untrimmed), or null when the file is empty. Must be called first.
     *
     * @throws UnreadableFileException when the line is longer than {@link #MAX_HEADER_CHARS}, or holds a carriage return
     *         (the file's lines end in CR alone: the whole file would be its header)
     */
    public List<String> header() throws IOException {
        if (header != null || eof) {
            return header;
        }
        StringBuilder first = new StringBuilder();
        int c = read();
        if (c == BOM) {
            c = read();
        }
        while (c >= 0 && c != '\n') {
            if (first.length() == MAX_HEADER_CHARS) {
                throw new UnreadableFileException(first.indexOf("\r") >= 0 ? CR_LINE_ENDS : String.format(Locale.ROOT,
                        "its first line is longer than %,d characters, which no header of column names is", MAX_HEADER_CHARS));
            }
            first.append((char) c);
            c = read();
        }
        if (c < 0 && first.length() == 0) {
            eof = true;
            return null;
        }
        line = 2;
        if (c < 0) {
            eof = true;
        }
        if (first.length() > 0 && first.charAt(first.length() - 1) == '\r') {
            first.setLength(first.length() - 1);
        }
        // a blank first line is no header line at all, which the caller says
        if (first.indexOf("\r") >= 0 && !first.toString().isBlank()) {
            throw new UnreadableFileException(CR_LINE_ENDS);
        }
        delimiter = detectDelimiter(first);
        header = splitLine(first);
        return header;
    }

    public char delimiter() {
        return delimiter;
    }

    static char detectDelimiter(CharSequence line) {
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    private List<String> splitLine(CharSequence text) {
        List<String> names = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    name.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == delimiter && !quoted) {
                names.add(name.toString());
                name.setLength(0);
            } else {
                name.append(c);
            }
        }
        names.add(name.toString());
        return names;
    }

    /** The next row after the header, or null at the end of the file. */
    public SourceRow next() throws IOException {
        if (eof) {
            return null;
        }
        long start = line;
        kept = 0;
        field.setLength(0);
        int count = 0;
        boolean quoted = false;
        boolean closed = false;
        while (true) {
            if (!quoted && position < limit) {
                // Outside quotes, a run of ordinary characters is taken from the buffer at once (most cells are
                // such a run, ended by a delimiter or the line's end); the character after it goes the slow way.
                int end = plainRunEnd();
                if (end > position) {
                    char stop = end < limit ? buffer[end] : 0;   // 0: the run reached the buffer's end
                    if (field.length() == 0 && (stop == delimiter || stop == '\n')) {
                        count = addCell(count, new String(buffer, position, Math.min(end - position, MAX_FIELD_CHARS)));
                        position = end + 1;
                        if (stop == '\n') {
                            line++;
                            return row(start, count);
                        }
                        continue;
                    }
                    field.append(buffer, position, Math.max(0, Math.min(end - position, MAX_FIELD_CHARS - field.length())));
                    position = end;
                    continue;
                }
            }
            int c = read();
            if (quoted && !closed) {
                if (c < 0) {
                    return resumeAfter(start);
                }
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        appendBounded('"');
                    } else {
                        closed = true;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    appendBounded((char) c);
                }
                continue;
            }
            if (c < 0 || c == '\n') {
                if (c < 0) {
                    eof = true;
                    if (count == 0 && field.length() == 0 && !quoted) {
                        return null;
                    }
                } else {
                    line++;
                }
                count = addCell(count, field.toString());
                return row(start, count);
            }
            if (c == '\r' && peek() == '\n') {
                continue;
            }
            if (c == delimiter) {
                count = addCell(count, field.toString());
                field.setLength(0);
                quoted = false;
                closed = false;
            } else if (closed) {
                if (c != ' ' && c != '\t') {
                    return resumeAfter(start);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else {
                appendBounded((char) c);
            }
        }
    }

    private void appendBounded(char c) {
        if (field.length() < MAX_FIELD_CHARS) {
            field.append(c);
        }
    }

    /** Index of the first character from {@code position} that a cell's text cannot simply contain, or {@code limit}. */
    private int plainRunEnd() {
        int i = position;
        while (i < limit) {
            char c = buffer[i];
            if (c == delimiter || c == '\n' || c == '\r' || c == '"') {
                break;
            }
            i++;
        }
        return i;
    }

    /**
     * Keeps the cell if within the header's width; past it, keeps the first one holding text, so that a row with
     * text only beyond the header is not taken for a blank one (it has too many cells, and is rejected as such).
     */
    private int addCell(int count, String cell) {
        if (count < maxCells || (kept == maxCells && !Codes.isBlank(cell))) {
            if (kept == cells.length) {
                cells = Arrays.copyOf(cells, kept * 2);
            }
            cells[kept++] = cell;
        }
        return count + 1;
    }

    private SourceRow row(long start, int count) {
        return new SourceRow(start, Arrays.copyOf(cells, kept), count);
    }

    /** Reports the row starting at {@code start} as malformed and repositions at the start of the next line. */
    private SourceRow resumeAfter(long start) throws IOException {
        if (line == start) {
            // still on the row's first line (text after a closing quote): the next line is just ahead, no need to
            // read the file again from its top (which made a file of such rows take quadratic time)
            skipLines(1);
        } else {
            reader.close();
            reader = source.open();
            position = 0;
            limit = 0;
            eof = false;
            skipLines(start);
        }
        line = start + 1;
        return SourceRow.malformed(start);
    }

    /** Reads past that many line ends, or to the end of the file. */
    private void skipLines(long count) throws IOException {
        for (long newlines = 0; newlines < count; ) {
            int c = read();
            if (c < 0) {
                eof = true;
                return;
            }
            if (c == '\n') {
                newlines++;
            }
        }
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++];
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position];
    }

    private boolean fill() throws IOException {
        int n = reader.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
