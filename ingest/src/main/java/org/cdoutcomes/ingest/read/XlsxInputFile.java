package org.cdoutcomes.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.cdoutcomes.model.vocabulary.Codes;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.AttributesImpl;
import org.xml.sax.helpers.DefaultHandler;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * The first sheet of an xlsx workbook, read as a stream of SAX events (the sheet is never held in memory).
 * Date-formatted cells arrive as dates; other numbers as plain decimals; row numbers are the sheet's.
 * POI's zip-bomb limits apply: an entry that inflates suspiciously or beyond {@link #MAX_ENTRY_BYTES} is refused.
 */
public final class XlsxInputFile implements InputFile {
    /** 4 GiB less a byte, a plain zip's own limit: POI warns on stderr about any larger limit, on every workbook. */
    static final long MAX_ENTRY_BYTES = 0xFFFF_FFFFL;
    private static final double MIN_INFLATE_RATIO = 0.01;
    /** The workbook relationship of Excel's "Strict Open XML Spreadsheet", which POI's streaming reader cannot read. */
    private static final String STRICT_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument";
    /** The number formats of zero-padded whole numbers (an id typed as 00123), and such a number's digits. */
    private static final Pattern ZERO_PADDED = Pattern.compile("0+");
    private static final Pattern WHOLE = Pattern.compile("\\d+");
    /** The significant digits Excel shows of a number in the General format. */
    private static final MathContext EXCEL_PRECISION = new MathContext(15);

    private final Path path;

    public XlsxInputFile(Path path) {
        this.path = path;
    }

    @Override
    public void read(RowSink sink) throws IOException {
        ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
        ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
        OPCPackage pkg;
        try {
            pkg = OPCPackage.open(path.toFile(), PackageAccess.READ);
        } catch (InvalidFormatException | RuntimeException e) {
            throw unreadable(e);
        }
        try {
            if (!pkg.getRelationshipsByType(STRICT_DOCUMENT).isEmpty()) {
                throw new UnreadableFileException("it is saved as Strict Open XML Spreadsheet, which cdo cannot read: "
                        + "save it as Excel Workbook (.xlsx)");
            }
            XSSFReader workbook = new XSSFReader(pkg);
            Iterator<InputStream> sheets = workbook.getSheetsData();
            if (!sheets.hasNext()) {
                throw new UnreadableFileException("the workbook has no sheet");
            }
            DateAwareFormatter formatter = new DateAwareFormatter(uses1904Dates(workbook));
            CellReferences parser = new CellReferences(XMLHelper.newXMLReader());
            SheetRows rows = new SheetRows(sink, formatter, parser);
            try (InputStream sheet = sheets.next()) {
                parser.setContentHandler(new XSSFSheetXMLHandler(workbook.getStylesTable(), sharedStrings(pkg),
                        rows, formatter, false));
                parser.parse(new InputSource(sheet));
            }
            if (!rows.headerSeen) {
                throw new UnreadableFileException("its first sheet has no header row (it is empty)");
            }
        } catch (OpenXML4JException | SAXException | ParserConfigurationException e) {
            throw unreadable(e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof RuntimeException own && own.getClass().getName().startsWith("org.cdoutcomes.")) {
                throw own;
            }
            throw unreadable(e);
        } finally {
            pkg.revert();
        }
    }

    /**
     * The workbook's shared strings as plain strings, not POI's editable XML objects: an Excel export of 1,000,000
     * symptom rows holds about a million (its record ids), which read that way needed more than a 256 MB heap and
     * took a third longer. Without phonetic runs (the reading aids Japanese Excel adds), as the editable table reads.
     */
    private static SharedStrings sharedStrings(OPCPackage pkg) throws IOException, SAXException {
        return new ReadOnlySharedStringsTable(pkg, false);
    }

    private static UnreadableFileException unreadable(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("zip bomb")) {
                return new UnreadableFileException("it looks like a zip bomb (it expands far more than a workbook does)", e);
            }
        }
        return new UnreadableFileException("it is not a readable xlsx workbook", e);
    }

    @Override
    public double shareRead() {
        return Double.NaN;
    }

    /**
     * Whether the workbook counts dates from 1904 (Excel for Mac's old default, still a workbook setting): the sheet
     * handler formats every date as counted from 1900, four years and a day too early for such a workbook.
     */
    private static boolean uses1904Dates(XSSFReader workbook) throws IOException, OpenXML4JException, SAXException,
            ParserConfigurationException {
        boolean[] date1904 = {false};
        try (InputStream part = workbook.getWorkbookData()) {
            XMLReader parser = XMLHelper.newXMLReader();
            parser.setContentHandler(new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) {
                    if (localName.equals("workbookPr")) {
                        String value = attributes.getValue("date1904");
                        date1904[0] = "1".equals(value) || "true".equals(value);
                    }
                }
            });
            parser.parse(new InputSource(part));
        }
        return date1904[0];
    }

    /** Formats date-formatted numeric cells as ISO dates and flags them, so the row gets a date and not text. */
    private static final class DateAwareFormatter extends DataFormatter {
        private final boolean date1904;
        LocalDate lastDate;
        /** Whether the sheet handler had the last number formatted here (it leaves a cell without a style as written). */
        boolean lastFormatted;

        DateAwareFormatter(boolean date1904) {
            this.date1904 = date1904;
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            return formatRawCellContents(value, formatIndex, formatString, date1904);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
            lastFormatted = true;
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)
                    && existingDay(value, use1904Windowing)) {
                lastDate = DateUtil.getLocalDateTime(value, use1904Windowing).toLocalDate();
                return lastDate.toString();
            }
            String plain = plain(value);
            // An id typed as 00123 and kept as the number 123 with the format 00000 shows, and exports to CSV, as 00123.
            if (formatString != null && ZERO_PADDED.matcher(formatString).matches() && WHOLE.matcher(plain).matches()
                    && plain.length() < formatString.length()) {
                return "0".repeat(formatString.length() - plain.length()) + plain;
            }
            return plain;
        }

        /**
         * Serials before day 1 (Excel shows 0 as 0/1/1900, as a lookup of an empty cell gives) and day 60 of the 1900
         * system (1900-02-29, which Excel keeps for Lotus 1-2-3 and which never was) name no day.
         */
        private static boolean existingDay(double serial, boolean use1904Windowing) {
            return use1904Windowing || (serial >= 1 && !(serial >= 60 && serial < 61));
        }
    }

    /**
     * A number without exponent; a fraction as Excel shows it in the General format and writes it to CSV, at 15
     * significant digits at most (a cell holding 0.1+0.2 is the double 0.30000000000000004, which Excel shows as 0.3).
     * A whole number keeps every digit: a 16-digit id that a program wrote exactly stays itself, not the same as its
     * neighbour.
     */
    static String plain(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        BigDecimal shortest = BigDecimal.valueOf(value);
        if (value == Math.rint(value)) {
            return shortest.stripTrailingZeros().toPlainString();
        }
        // rounded from the double itself, not from its shortest decimal, which may end in a 5 of its own
        BigDecimal shown = shortest.precision() <= EXCEL_PRECISION.getPrecision() ? shortest
                : new BigDecimal(value).round(EXCEL_PRECISION);
        return shown.stripTrailingZeros().toPlainString();
    }

    /**
     * Gives every row and cell element its reference ({@code r}): the schema lets a writer leave it out, meaning the
     * row after the previous one and the cell right of the previous one, and the sheet handler needs it. Also keeps
     * the current cell's type ({@code t}) for {@link SheetRows}, and leaves out phonetic runs ({@code rPh}: reading
     * aids Japanese Excel adds to typed text), which POI's handler would append to an inline string's text.
     */
    private static final class CellReferences extends XMLFilterImpl {
        private int row;
        /** The previous cell's column (-1: none yet in the row), or its reference while not needed and so not parsed. */
        private int column;
        private String previousReference;
        /** The type of the cell being read: null or n a number, s/inlineStr/str text, b, e an error, d an ISO date. */
        String cellType;
        /** Depth inside a phonetic run, whose events are not passed on (0: outside one). */
        private int phonetic;

        CellReferences(XMLReader parent) {
            super(parent);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
            if (phonetic > 0 || localName.equals("rPh")) {
                phonetic++;
                return;
            }
            Attributes completed = attributes;
            if (localName.equals("row")) {
                String r = attributes.getValue("r");
                row = r == null ? row + 1 : Integer.parseInt(r);
                column = -1;
                previousReference = null;
                completed = r == null ? with(attributes, "r", Integer.toString(row)) : attributes;
            } else if (localName.equals("c")) {
                cellType = attributes.getValue("t");
                String r = attributes.getValue("r");
                if (r != null) {
                    previousReference = r;
                } else {
                    column = (previousReference == null ? column : new CellReference(previousReference).getCol()) + 1;
                    previousReference = null;
                    completed = with(attributes, "r", new CellReference(row - 1, column).formatAsString(false));
                }
            }
            super.startElement(uri, localName, qName, completed);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            if (phonetic > 0) {
                phonetic--;
                return;
            }
            super.endElement(uri, localName, qName);
        }

        @Override
        public void characters(char[] text, int start, int length) throws SAXException {
            if (phonetic == 0) {
                super.characters(text, start, length);
            }
        }

        private static Attributes with(Attributes attributes, String name, String value) {
            AttributesImpl added = new AttributesImpl(attributes);
            added.addAttribute("", name, name, "CDATA", value);
            return added;
        }
    }

    private final class SheetRows implements XSSFSheetXMLHandler.SheetContentsHandler {
        /** POI's prefix to the text of an error cell, which Excel shows (and exports to CSV) as the error alone. */
        private static final String POI_ERROR = "ERROR:";
        private final RowSink sink;
        private final DateAwareFormatter formatter;
        private final CellReferences parser;
        private final List<String> cells = new ArrayList<>();
        private final List<LocalDate> dates = new ArrayList<>();
        private final List<String> errors = new ArrayList<>();
        private boolean headerSeen;
        private int width;

        SheetRows(RowSink sink, DateAwareFormatter formatter, CellReferences parser) {
            this.sink = sink;
            this.formatter = formatter;
            this.parser = parser;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
            dates.clear();
            errors.clear();
            formatter.lastDate = null;
            formatter.lastFormatted = false;
        }

        @Override
        public void cell(String reference, String formattedValue, XSSFComment comment) {
            LocalDate date = formatter.lastDate;
            boolean formatted = formatter.lastFormatted;
            formatter.lastDate = null;
            formatter.lastFormatted = false;
            if (formattedValue == null || formattedValue.isEmpty()) {
                return;
            }
            if (formattedValue.indexOf('\0') >= 0) {
                // As in a CSV file (binary): no record can hold a NUL, which a workbook can only carry escaped (_x0000_).
                throw new UnreadableFileException("its cell " + reference + " holds a NUL character (_x0000_)");
            }
            String value = formattedValue;
            String error = null;
            String type = parser.cellType;
            if ("e".equals(type)) {
                error = value.startsWith(POI_ERROR) ? value.substring(POI_ERROR.length()) : value;
                value = error;
            } else if ("d".equals(type)) {
                // a date cell written as ISO 8601 text (openpyxl's iso_dates, Strict Open XML): the day, without its time
                date = isoDay(value);
                value = date == null ? value : date.toString();
            } else if ((type == null || "n".equals(type)) && !formatted) {
                // a number as the sheet writes it, which the handler passes on for a cell without a style: 1.5E2 is 150
                value = plainNumber(value);
            }
            int column = new CellReference(reference).getCol();
            while (cells.size() <= column) {
                cells.add(null);
                dates.add(null);
                errors.add(null);
            }
            cells.set(column, value);
            dates.set(column, date);
            errors.set(column, error);
        }

        @Override
        public void endRow(int rowNum) {
            if (!headerSeen) {
                if (cells.stream().allMatch(SheetRows::blank)) {
                    return;
                }
                headerSeen = true;
                width = cells.size();
                List<String> names = new ArrayList<>();
                cells.forEach(c -> names.add(c == null ? "" : c));
                sink.header(rowNum + 1L, names);
                return;
            }
            // Cells past the header count only when one holds text (a stray space shows nothing): the row then has too many cells.
            int count = cells.size() <= width ? cells.size() : lastWithText(width);
            sink.row(new SourceRow(rowNum + 1L, cells.subList(0, count).toArray(new String[0]),
                    dates.subList(0, count).toArray(new LocalDate[0]), errors.subList(0, count).toArray(new String[0]), count, false));
        }

        /** One past the last cell holding text, and at least {@code from}. */
        private int lastWithText(int from) {
            int end = cells.size();
            while (end > from && blank(cells.get(end - 1))) {
                end--;
            }
            return Math.max(end, from);
        }

        private static boolean blank(String cell) {
            return cell == null || Codes.isBlank(cell);
        }
    }

    /** The day of an ISO 8601 date or date-time ({@code 2025-03-04}, {@code 2025-03-04T10:30:00}), else null. */
    static LocalDate isoDay(String text) {
        LocalDate day;
        try {
            day = text.length() > 10 && text.charAt(10) == 'T'
                    ? LocalDateTime.parse(text.endsWith("Z") ? text.substring(0, text.length() - 1) : text).toLocalDate()
                    : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
        // year 0, before it or past 9999 (-5000-01-01 parses): no record's date, and COPY would fail the whole run on it
        return day.getYear() >= 1 && day.getYear() <= 9999 ? day : null;
    }

    /** A number in the sheet's own notation as {@link #plain}, or the text unchanged when it is none. */
    static String plainNumber(String text) {
        try {
            return plain(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
