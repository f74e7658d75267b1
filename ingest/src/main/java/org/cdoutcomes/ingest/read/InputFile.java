package org.cdoutcomes.ingest.read;

import java.io.IOException;

/** A readable input: its rows are pushed to a sink; {@link #shareRead()} tells how far reading got (0..1, or NaN when unknown). */
public interface InputFile {
    void read(RowSink sink) throws IOException;

    double shareRead();
}
