package org.cdoutcomes.ingest.read;

import java.util.List;

/** Receives a file's header (once, first) and then its rows in order. */
public interface RowSink {
    /** May throw {@link UnreadableFileException} when the header is not acceptable. */
    void header(List<String> names);

    void row(SourceRow row);
}
