package org.cdoutcomes.reporting;

import java.util.IdentityHashMap;
import java.util.Map;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** The workbook's cell styles, created once (a workbook holds at most 64,000 styles). */
final class Styles {
    static final String COUNT = "#,##0";
    static final String DAYS = "0.0";
    static final String PERCENT = "0.0%";
    static final String RATIO = "0.00";
    /** Tiny p-values read as "<0.001" while the cell keeps the exact number. */
    static final String P_VALUE = "[<0.001]\"<0.001\";0.000";
    /** Doses and their quartiles often fall on half or quarter units (12.5, 58.75): up to two decimals. */
    static final String UNITS = "0.0#";
    static final String DATE = "yyyy-mm-dd";
    static final String DATE_TIME = "yyyy-mm-dd hh:mm";

    final XSSFCellStyle title;
    final XSSFCellStyle section;
    final XSSFCellStyle header;
    final XSSFCellStyle label;
    final XSSFCellStyle text;
    /** Text from input files that starts with a formula character: the quote prefix keeps it text on edit. */
    final XSSFCellStyle quotedText;
    final XSSFCellStyle note;
    /** A note right of a number, kept clear of it. */
    final XSSFCellStyle indentedNote;
    final XSSFCellStyle wrapped;
    /** A sentence the reader must not miss (why a period is empty), in bold, wrapped. */
    final XSSFCellStyle notice;
    final XSSFCellStyle marker;
    final XSSFCellStyle count;
    final XSSFCellStyle days;
    final XSSFCellStyle percent;
    final XSSFCellStyle ratio;
    final XSSFCellStyle pValue;
    final XSSFCellStyle units;
    final XSSFCellStyle date;
    final XSSFCellStyle dateTime;
    /** Date and time in a text column, aligned with the text. */
    final XSSFCellStyle dateTimeLeft;
    /** A date among the Methods sheet's text values, aligned with them. */
    final XSSFCellStyle dateLeft;

    private final XSSFWorkbook workbook;
    private final Map<XSSFCellStyle, XSSFCellStyle> wrappingVariants = new IdentityHashMap<>();

    Styles(XSSFWorkbook workbook) {
        this.workbook = workbook;
        XSSFFont titleFont = workbook.createFont();
        titleFont.setBold(true);
        titleFont.setFontHeightInPoints((short) 14);
        XSSFFont boldFont = workbook.createFont();
        boldFont.setBold(true);
        XSSFFont italicFont = workbook.createFont();
        italicFont.setItalic(true);
        italicFont.setColor(IndexedColors.GREY_80_PERCENT.getIndex());

        title = workbook.createCellStyle();
        title.setFont(titleFont);
        section = workbook.createCellStyle();
        section.setFont(boldFont);
        header = workbook.createCellStyle();
        header.setFont(boldFont);
        header.setWrapText(true);
        header.setVerticalAlignment(VerticalAlignment.CENTER);
        header.setAlignment(HorizontalAlignment.CENTER);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setBorderBottom(BorderStyle.THIN);
        label = workbook.createCellStyle();
        label.setFont(boldFont);
        label.setVerticalAlignment(VerticalAlignment.TOP);
        text = workbook.createCellStyle();
        text.setVerticalAlignment(VerticalAlignment.TOP);
        quotedText = workbook.createCellStyle();
        quotedText.cloneStyleFrom(text);
        quotedText.setQuotePrefixed(true);
        note = workbook.createCellStyle();
        note.setFont(italicFont);
        indentedNote = workbook.createCellStyle();
        indentedNote.cloneStyleFrom(note);
        indentedNote.setIndention((short) 1);
        wrapped = workbook.createCellStyle();
        wrapped.setWrapText(true);
        wrapped.setVerticalAlignment(VerticalAlignment.TOP);
        notice = workbook.createCellStyle();
        notice.cloneStyleFrom(wrapped);
        notice.setFont(boldFont);
        marker = workbook.createCellStyle();
        marker.setAlignment(HorizontalAlignment.RIGHT);
        marker.setVerticalAlignment(VerticalAlignment.TOP);
        count = numeric(workbook, COUNT);
        days = numeric(workbook, DAYS);
        percent = numeric(workbook, PERCENT);
        ratio = numeric(workbook, RATIO);
        pValue = numeric(workbook, P_VALUE);
        units = numeric(workbook, UNITS);
        date = numeric(workbook, DATE);
        dateTime = numeric(workbook, DATE_TIME);
        dateTimeLeft = numeric(workbook, DATE_TIME);
        dateTimeLeft.setAlignment(HorizontalAlignment.LEFT);
        dateLeft = numeric(workbook, DATE);
        dateLeft.setAlignment(HorizontalAlignment.LEFT);
    }

    private static XSSFCellStyle numeric(XSSFWorkbook workbook, String format) {
        XSSFCellStyle style = workbook.createCellStyle();
        style.setDataFormat(workbook.createDataFormat().getFormat(format));
        style.setAlignment(HorizontalAlignment.RIGHT);
        style.setVerticalAlignment(VerticalAlignment.TOP);
        return style;
    }

    /** The style wrapping its text from the top of the cell, made once per style. */
    XSSFCellStyle wrapping(XSSFCellStyle style) {
        return wrappingVariants.computeIfAbsent(style, base -> {
            XSSFCellStyle variant = workbook.createCellStyle();
            variant.cloneStyleFrom(base);
            variant.setWrapText(true);
            variant.setVerticalAlignment(VerticalAlignment.TOP);
            return variant;
        });
    }
}
