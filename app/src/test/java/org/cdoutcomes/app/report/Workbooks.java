package org.cdoutcomes.app.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Reads back what a test needs from a written workbook: cells as numbers or texts, found by their row's label. */
final class Workbooks {
    private Workbooks() {
    }

    static XSSFWorkbook open(Path file) throws IOException {
        // from a stream: the workbook is read whole, and the file is not held open
        try (InputStream in = Files.newInputStream(file)) {
            return new XSSFWorkbook(in);
        }
    }

    /** The cell right of the first cell of column A holding exactly the label: a number, or the text shown. */
    static Object valueOf(Sheet sheet, String label) {
        for (Row row : sheet) {
            Cell first = row.getCell(0);
            if (first != null && first.getCellType() == CellType.STRING && first.getStringCellValue().equals(label)) {
                return value(row.getCell(1));
            }
        }
        throw new AssertionError("no row labelled '" + label + "' on sheet " + sheet.getSheetName());
    }

    static Object value(Cell cell) {
        if (cell == null) {
            return null;
        }
        return switch (cell.getCellType()) {
            case NUMERIC -> cell.getNumericCellValue();
            case STRING -> cell.getStringCellValue();
            default -> throw new AssertionError("unexpected " + cell.getCellType() + " cell at " + cell.getAddress());
        };
    }

    /** A (file, code, rows) line of the Data quality sheet. */
    record CodeRows(String file, String code, double rows) {
    }

    /** The lines of the Data quality sheet's section titled so (or so, with a remark in brackets), up to the next blank row. */
    static List<CodeRows> section(Sheet sheet, String title) {
        List<CodeRows> lines = new ArrayList<>();
        boolean inside = false;
        for (int r = 0; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            Cell first = row == null ? null : row.getCell(0);
            String text = first != null && first.getCellType() == CellType.STRING ? first.getStringCellValue() : "";
            if (!inside) {
                inside = text.equals(title) || text.startsWith(title + " (");
                continue;
            }
            if (first == null || text.isEmpty()) {
                break;
            }
            Cell code = row.getCell(1);
            Cell rows = row.getCell(2);
            if (code != null && code.getCellType() == CellType.STRING && rows != null && rows.getCellType() == CellType.NUMERIC
                    && !text.equals("File")) {
                lines.add(new CodeRows(text, code.getStringCellValue(), rows.getNumericCellValue()));
            }
        }
        return lines;
    }
}
