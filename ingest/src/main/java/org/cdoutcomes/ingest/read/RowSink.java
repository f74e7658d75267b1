package org.cdoutcomes.ingest.read;

import java.util.List;

/** Receives a file's header (once, first) and then its rows in order. */
public interface RowSink {
    /**
     * The header and its line (CSV: 1; xlsx: the sheet row, as blank rows may come first). May throw
     * {@link UnreadableFileException} when the header is not acceptable.
     */
    void header(long line, List<String> names);

    void row(SourceRow row);
}
