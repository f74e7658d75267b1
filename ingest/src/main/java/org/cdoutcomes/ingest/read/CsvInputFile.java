package org.cdoutcomes.ingest.read;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A CSV file read as strict UTF-8: bytes that are not UTF-8, or NUL characters (a binary file), make it unreadable. */
public final class CsvInputFile implements InputFile {
    private final Path path;
    private final long size;
    private volatile long bytesRead;

    public CsvInputFile(Path path) throws IOException {
        this.path = path;
        this.size = Files.size(path);
    }

    @Override
    public void read(RowSink sink) throws IOException {
        try (CsvParser parser = new CsvParser(this::open)) {
            List<String> header = parser.header();
            if (header == null) {
                throw new UnreadableFileException("it is empty (no header line)");
            }
            if (header.stream().allMatch(String::isBlank)) {
                throw new UnreadableFileException("it has no header line (the first line is empty)");
            }
            sink.header(1, header);
            parser.keepAtMost(header.size());
            for (SourceRow row = parser.next(); row != null; row = parser.next()) {
                sink.row(row);
            }
        } catch (CharacterCodingException e) {
            throw new UnreadableFileException("it is not UTF-8 text (save it as CSV UTF-8)", e);
        }
    }

    private Reader open() throws IOException {
        InputStream counted = new FilterInputStream(Files.newInputStream(path)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    for (int i = off; i < off + n; i++) {
                        if (b[i] == 0) {
                            throw new UnreadableFileException("it is not a CSV text file (it contains binary data)");
                        }
                    }
                    bytesRead += n;
                }
                return n;
            }
        };
        bytesRead = 0;
        return new InputStreamReader(counted, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    @Override
    public double shareRead() {
        return size == 0 ? 1 : Math.min(1, (double) bytesRead / size);
    }
}
