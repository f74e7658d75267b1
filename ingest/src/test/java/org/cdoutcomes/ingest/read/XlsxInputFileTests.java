package org.cdoutcomes.ingest.read;

import static org.cdoutcomes.ingest.read.TestWorkbooks.writeWorkbook;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxInputFileTests {
    @TempDir
    Path dir;

    /**
     * Text as Excel stores it: in the shared strings part, which cells name by index. An item may be split into
     * formatted runs (read as their text joined), carry a phonetic run (a reading aid Japanese Excel adds to what was
     * typed through an input method: not part of the cell's text) and escape characters as _xHHHH_.
     */
    @Test
    void sharedStringsReadAsTheTextOfTheirCells() throws Exception {
        String items = "<si><t>patient_id</t></si><si><t>site_id</t></si><si><t>sex</t></si>"
                + "<si><r><t>CD-</t></r><r><rPr><b/></rPr><t>0042</t></r></si>"
                + "<si><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh><phoneticPr fontId=\"0\"/></si>"
                + "<si><t>_x0046_</t></si>"
                + "<si><t xml:space=\"preserve\"> north </t></si>";
        Path workbook = writeWorkbook(dir.resolve("patients.xlsx"), "", items,
                "<row r=\"1\">" + shared("A1", 0) + shared("B1", 1) + shared("C1", 2) + "</row>"
                + "<row r=\"2\">" + shared("A2", 3) + shared("B2", 4) + shared("C2", 5) + "</row>"
                + "<row r=\"3\">" + shared("A3", 3) + shared("B3", 6) + "</row>");
        List<String> read = new ArrayList<>();
        new XlsxInputFile(workbook).read(new RowSink() {
            @Override
            public void header(List<String> names) {
                read.add(String.join("|", names));
            }

            @Override
            public void row(SourceRow row) {
                read.add(row.line() + ":" + Arrays.toString(row.cells()));
            }
        });
        assertEquals(List.of("patient_id|site_id|sex", "2:[CD-0042, 東京, F]", "3:[CD-0042,  north ]"), read);
    }

    private static String shared(String reference, int index) {
        return "<c r=\"" + reference + "\" t=\"s\"><v>" + index + "</v></c>";
    }
}
