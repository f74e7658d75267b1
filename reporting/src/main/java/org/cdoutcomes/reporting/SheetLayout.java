package org.cdoutcomes.reporting;

import java.time.LocalDate;
import java.time.LocalDateTime;

import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;

/**
 * Writes cells of one sheet: text, input text, counts and figures under small-cell suppression. Every value goes
 * through setCellValue; nothing here writes formulas, so text from input files can never become one.
 */
final class SheetLayout {
    /** Characters that make Excel read a typed value as a formula. */
    private static final String FORMULA_STARTS = "=+-@";
    /** Prose averages narrower than the digit '0' that column widths are measured in. */
    private static final double PROSE_PER_WIDTH_CHAR = 1.2;

    final XSSFSheet sheet;
    final Styles styles;
    final SmallCells smallCells;

    SheetLayout(XSSFSheet sheet, Styles styles, SmallCells smallCells) {
        this.sheet = sheet;
        this.styles = styles;
        this.smallCells = smallCells;
    }

    XSSFCell cell(int row, int column) {
        XSSFRow r = sheet.getRow(row);
        if (r == null) {
            r = sheet.createRow(row);
        }
        XSSFCell c = r.getCell(column);
        return c != null ? c : r.createCell(column);
    }

    /** Text of the report's own wording. */
    XSSFCell text(int row, int column, String value, XSSFCellStyle style) {
        XSSFCell c = cell(row, column);
        c.setCellValue(value);
        c.setCellStyle(style);
        return c;
    }

    XSSFCell text(int row, int column, String value) {
        return text(row, column, value, styles.text);
    }

    /** Text that comes from input files or configuration: always a string cell, quote-prefixed when it looks like a formula. */
    XSSFCell input(int row, int column, String value) {
        boolean formulaLike = value != null && !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0;
        return text(row, column, value == null ? "" : value, formulaLike ? styles.quotedText : styles.text);
    }

    void headers(int row, String... titles) {
        for (int i = 0; i < titles.length; i++) {
            text(row, i, titles[i], styles.header);
        }
    }

    /** A count: the number, or {@code <N} when it is small. Null (not applicable) leaves the cell empty. */
    void count(int row, int column, Number value) {
        if (value == null) {
            return;
        }
        if (smallCells.small(value)) {
            text(row, column, smallCells.mark(), styles.marker);
        } else {
            number(row, column, value.doubleValue(), styles.count);
        }
    }

    /**
     * A figure derived from counts: {@code suppressed} when one of them is small, else the number, else (null)
     * {@code whenNull}, or an empty cell when that is null too.
     */
    void figure(int row, int column, Double value, XSSFCellStyle style, boolean suppressed, String whenNull) {
        if (suppressed) {
            text(row, column, SmallCells.SUPPRESSED, styles.marker);
        } else if (value != null) {
            number(row, column, value, style);
        } else if (whenNull != null) {
            text(row, column, whenNull, styles.marker);
        }
    }

    void number(int row, int column, double value, XSSFCellStyle style) {
        XSSFCell c = cell(row, column);
        c.setCellValue(value);
        c.setCellStyle(style);
    }

    void date(int row, int column, LocalDate value) {
        date(row, column, value, styles.date);
    }

    void date(int row, int column, LocalDate value, XSSFCellStyle style) {
        XSSFCell c = cell(row, column);
        c.setCellValue(value);
        c.setCellStyle(style);
    }

    void dateTime(int row, int column, LocalDateTime value, XSSFCellStyle style) {
        XSSFCell c = cell(row, column);
        c.setCellValue(value);
        c.setCellStyle(style);
    }

    /** Column widths in characters, set explicitly (autoSizeColumn depends on fonts installed where it runs). */
    void widths(int... characters) {
        for (int i = 0; i < characters.length; i++) {
            sheet.setColumnWidth(i, characters[i] * 256 + 200);
        }
    }

    /**
     * Text that may run past the print area (a clinic's name, a list of sites): wrapped over the columns up to
     * {@code lastColumn}, {@code widthChars} wide in all, its row as tall as its lines.
     */
    void wrapAcross(XSSFCell cell, int lastColumn, int widthChars) {
        int row = cell.getRowIndex();
        if (lastColumn > cell.getColumnIndex()) {
            sheet.addMergedRegion(new CellRangeAddress(row, row, cell.getColumnIndex(), lastColumn));
        }
        cell.setCellStyle(styles.wrapping(cell.getCellStyle()));
        if (cell.getStringCellValue().length() > widthChars * PROSE_PER_WIDTH_CHAR) {
            wrapHeight(row, cell.getStringCellValue(), widthChars);
        }
    }

    /** Row tall enough for wrapped text of this many characters in a column this wide. */
    void wrapHeight(int row, String value, int columnChars) {
        int perLine = (int) (columnChars * PROSE_PER_WIDTH_CHAR);
        int lines = 0;
        for (String paragraph : value.split("\n", -1)) {
            lines += Math.max(1, (paragraph.length() + perLine - 1) / perLine);
        }
        sheet.getRow(row).setHeightInPoints(lines * 15f + 3f);
    }

    /** Landscape, one page wide, the header row repeated and frozen; the print area ends before chart data. */
    void printSetup(int headerRow, int lastColumn, int lastRow) {
        printSetup(headerRow, headerRow, lastColumn, lastRow);
    }

    /** As {@link #printSetup(int, int, int)}, repeating the rows from {@code firstRepeatedRow} to the header row. */
    void printSetup(int firstRepeatedRow, int headerRow, int lastColumn, int lastRow) {
        PrintSetup print = sheet.getPrintSetup();
        print.setLandscape(true);
        print.setFitWidth((short) 1);
        print.setFitHeight((short) 0);
        sheet.setFitToPage(true);
        sheet.setAutobreaks(true);
        sheet.setHorizontallyCenter(true);
        sheet.setRepeatingRows(new CellRangeAddress(firstRepeatedRow, headerRow, -1, -1));
        sheet.createFreezePane(0, headerRow + 1);
        int index = sheet.getWorkbook().getSheetIndex(sheet);
        sheet.getWorkbook().setPrintArea(index, 0, lastColumn, 0, lastRow);
        sheet.getFooter().setCenter("&A, page &P of &N");
    }
}
