package org.cdoutcomes.ingest.read;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** One-sheet xlsx workbooks written part by part, to hold exactly the markup a test needs. */
public final class TestWorkbooks {
    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static final String TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml.";

    private TestWorkbooks() {
    }

    /** A cell of inline text, with its reference or (null) without. */
    public static String inline(String reference, String text) {
        return "<c" + (reference == null ? "" : " r=\"" + reference + "\"") + " t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
    }

    /**
     * A workbook as other writers than Excel write one (openpyxl: inline strings, no shared strings part), with the
     * given workbook properties and sheet rows; style 1 is the built-in date format 14.
     */
    public static Path writeWorkbook(Path file, String workbookProperties, String rows) throws IOException {
        return writeWorkbook(file, workbookProperties, null, rows);
    }

    /** The same with a shared strings part holding the given {@code <si>} items (null: no such part), as Excel writes. */
    public static Path writeWorkbook(Path file, String workbookProperties, String sharedStringItems, String rows) throws IOException {
        return writeWorkbook(file, workbookProperties, sharedStringItems, "<cellXfs count=\"2\"><xf numFmtId=\"0\"/>"
                + "<xf numFmtId=\"14\" applyNumberFormat=\"1\"/></cellXfs>", rows);
    }

    /** The same with the given styles part's content ({@code <numFmts>}, {@code <cellXfs>}; null: no styles part). */
    public static Path writeWorkbook(Path file, String workbookProperties, String sharedStringItems, String styles, String rows)
            throws IOException {
        boolean shared = sharedStringItems != null;
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + override("workbook.xml", "sheet.main") + override("worksheets/sheet1.xml", "worksheet")
                + (styles != null ? override("styles.xml", "styles") : "") + (shared ? override("sharedStrings.xml", "sharedStrings") : "") + "</Types>");
        parts.put("_rels/.rels", "<Relationships xmlns=\"" + PACKAGE_RELATIONSHIPS + "\">"
                + "<Relationship Id=\"rId1\" Type=\"" + RELATIONSHIPS + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        parts.put("xl/workbook.xml", "<workbook xmlns=\"" + MAIN + "\" xmlns:r=\"" + RELATIONSHIPS + "\">" + workbookProperties
                + "<sheets><sheet name=\"Sheet\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
        parts.put("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"" + PACKAGE_RELATIONSHIPS + "\">"
                + relationship(1, "worksheet", "worksheets/sheet1.xml")
                + (styles != null ? relationship(2, "styles", "styles.xml") : "") + (shared ? relationship(3, "sharedStrings", "sharedStrings.xml") : "") + "</Relationships>");
        if (styles != null) {
            parts.put("xl/styles.xml", "<styleSheet xmlns=\"" + MAIN + "\">" + styles + "</styleSheet>");
        }
        if (shared) {
            parts.put("xl/sharedStrings.xml", "<sst xmlns=\"" + MAIN + "\">" + sharedStringItems + "</sst>");
        }
        parts.put("xl/worksheets/sheet1.xml", "<worksheet xmlns=\"" + MAIN + "\"><sheetData>" + rows + "</sheetData></worksheet>");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, String> part : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                zip.write(part.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }

    private static String override(String part, String type) {
        return "<Override PartName=\"/xl/" + part + "\" ContentType=\"" + TYPES + type + "+xml\"/>";
    }

    private static String relationship(int id, String type, String target) {
        return "<Relationship Id=\"rId" + id + "\" Type=\"" + RELATIONSHIPS + "/" + type + "\" Target=\"" + target + "\"/>";
    }
}
