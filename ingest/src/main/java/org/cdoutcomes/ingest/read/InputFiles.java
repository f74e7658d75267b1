package org.cdoutcomes.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** Chooses the reader for a file by its first bytes: a zip is a workbook, an old binary .xls is refused, the rest is CSV. */
public final class InputFiles {
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};

    private InputFiles() {
    }

    public static InputFile open(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new UnreadableFileException(Files.exists(path) ? "it is not a file" : "it does not exist");
        }
        byte[] magic = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(magic, 0, 4);
        }
        if (n == 4 && Arrays.equals(magic, ZIP)) {
            return new XlsxInputFile(path);
        }
        if (n >= 2 && ((magic[0] == (byte) 0xFF && magic[1] == (byte) 0xFE) || (magic[0] == (byte) 0xFE && magic[1] == (byte) 0xFF))) {
            // Excel's "Unicode Text" and some exports: a byte order mark of UTF-16
            throw new UnreadableFileException("it is UTF-16 text, not UTF-8 (save it as CSV UTF-8)");
        }
        if (n == 4 && Arrays.equals(magic, OLE2)) {
            throw new UnreadableFileException("it is an old binary Excel (.xls) or other Office file: save it as .xlsx or CSV UTF-8");
        }
        if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
            throw new UnreadableFileException(n == 0 ? "it is empty" : "it is named .xlsx but is not an xlsx workbook");
        }
        return new CsvInputFile(path);
    }
}
