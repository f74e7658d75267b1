package org.cdoutcomes.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
            XSSFReader workbook = new XSSFReader(pkg);
            Iterator<InputStream> sheets = workbook.getSheetsData();
            if (!sheets.hasNext()) {
                throw new UnreadableFileException("the workbook has no sheet");
            }
            DateAwareFormatter formatter = new DateAwareFormatter(uses1904Dates(workbook));
            SheetRows rows = new SheetRows(sink, formatter);
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = new CellReferences(XMLHelper.newXMLReader());
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

        DateAwareFormatter(boolean date1904) {
            this.date1904 = date1904;
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            return formatRawCellContents(value, formatIndex, formatString, date1904);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                lastDate = DateUtil.getLocalDateTime(value, use1904Windowing).toLocalDate();
                return lastDate.toString();
            }
            return plain(value);
        }
    }

    static String plain(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * Gives every row and cell element its reference ({@code r}): the schema lets a writer leave it out, meaning the
     * row after the previous one and the cell right of the previous one, and the sheet handler needs it.
     */
    private static final class CellReferences extends XMLFilterImpl {
        private int row;
        /** The previous cell's column (-1: none yet in the row), or its reference while not needed and so not parsed. */
        private int column;
        private String previousReference;

        CellReferences(XMLReader parent) {
            super(parent);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
            Attributes completed = attributes;
            if (localName.equals("row")) {
                String r = attributes.getValue("r");
                row = r == null ? row + 1 : Integer.parseInt(r);
                column = -1;
                previousReference = null;
                completed = r == null ? with(attributes, "r", Integer.toString(row)) : attributes;
            } else if (localName.equals("c")) {
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

        private static Attributes with(Attributes attributes, String name, String value) {
            AttributesImpl added = new AttributesImpl(attributes);
            added.addAttribute("", name, name, "CDATA", value);
            return added;
        }
    }

    private final class SheetRows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final RowSink sink;
        private final DateAwareFormatter formatter;
        private final List<String> cells = new ArrayList<>();
        private final List<LocalDate> dates = new ArrayList<>();
        private boolean headerSeen;
        private int width;

        SheetRows(RowSink sink, DateAwareFormatter formatter) {
            this.sink = sink;
            this.formatter = formatter;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
            dates.clear();
            formatter.lastDate = null;
        }

        @Override
        public void cell(String reference, String formattedValue, XSSFComment comment) {
            LocalDate date = formatter.lastDate;
            formatter.lastDate = null;
            if (formattedValue == null || formattedValue.isEmpty()) {
                return;
            }
            if (formattedValue.indexOf('\0') >= 0) {
                // As in a CSV file (binary): no record can hold a NUL, which a workbook can only carry escaped (_x0000_).
                throw new UnreadableFileException("its cell " + reference + " holds a NUL character (_x0000_)");
            }
            int column = new CellReference(reference).getCol();
            while (cells.size() <= column) {
                cells.add(null);
                dates.add(null);
            }
            cells.set(column, formattedValue);
            dates.set(column, date);
        }

        @Override
        public void endRow(int rowNum) {
            if (!headerSeen) {
                if (cells.stream().allMatch(c -> c == null || Codes.isBlank(c))) {
                    return;
                }
                headerSeen = true;
                List<String> names = new ArrayList<>();
                cells.forEach(c -> names.add(c == null ? "" : c));
                width = names.size();
                sink.header(names);
                return;
            }
            int count = cells.size();
            // Cells past the header are kept only when one holds text: the row is then not blank, but has too many cells.
            int keep = count > width && cells.subList(width, count).stream().anyMatch(c -> c != null && !Codes.isBlank(c))
                    ? count : Math.min(count, width);
            String[] kept = cells.subList(0, keep).toArray(new String[0]);
            LocalDate[] keptDates = dates.subList(0, keep).toArray(new LocalDate[0]);
            sink.row(new SourceRow(rowNum + 1L, kept, keptDates, count, false));
        }
    }
}
