package org.cdoutcomes.ingest.validate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cdoutcomes.ingest.read.Header;
import org.cdoutcomes.ingest.read.RecordType;
import org.cdoutcomes.ingest.read.SourceRow;
import org.cdoutcomes.model.text.Counted;
import org.cdoutcomes.model.vocabulary.AdverseEventTerm;
import org.cdoutcomes.model.vocabulary.CdPattern;
import org.cdoutcomes.model.vocabulary.Coded;
import org.cdoutcomes.model.vocabulary.Codes;
import org.cdoutcomes.model.vocabulary.Guidance;
import org.cdoutcomes.model.vocabulary.Limits;
import org.cdoutcomes.model.vocabulary.Muscle;
import org.cdoutcomes.model.vocabulary.Product;
import org.cdoutcomes.model.vocabulary.ScoreTerm;
import org.cdoutcomes.model.vocabulary.Sex;
import org.cdoutcomes.model.vocabulary.Side;
import org.cdoutcomes.model.vocabulary.Source;
import org.cdoutcomes.model.vocabulary.SymptomKind;
import org.cdoutcomes.model.vocabulary.Vocabulary;

/**
 * Checks one row of a file against the rules of input-formats.md and turns it into canonical values (the staging
 * columns: {@link RecordType#columns()} order; ids trimmed, codes canonical, dates ISO, numbers plain) or into the
 * first rule it breaks in column order (the file's header order). Every column is checked, then the failure of the
 * lowest-ranked column wins, so a rule that depends on another column (a score's range depends on its term) is
 * still reported at its own column. Messages never repeat cell contents (ids, symptom values).
 */
public final class RowValidator {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    /**
     * A whole number, also written with a zero fraction: spreadsheets and data-frame exports write a year column that
     * has empty cells as 1970.0.
     */
    private static final Pattern WHOLE_NUMBER = Pattern.compile("([+-]?\\d+)(\\.0*)?");
    /** Distinct code spellings remembered per vocabulary; files repeat a handful of spellings millions of times. */
    private static final int CODE_CACHE_LIMIT = 4096;
    /**
     * Significant digits a number may have before and after the point. No dose or score has a thousand; PostgreSQL's
     * numeric would hold 131,072 and 16,383, but a number past those would fail the whole run, and parsing numbers of
     * that length takes seconds a row.
     */
    private static final int MAX_DIGITS = 1_000;

    private final Header header;
    private final DateParser dates;
    private final LocalDate today;
    private final Map<Vocabulary<?>, Map<String, Optional<?>>> codeCache = new HashMap<>();

    public RowValidator(Header header, DateParser dates, LocalDate today) {
        this.header = header;
        this.dates = dates;
        this.today = today;
    }

    /** Canonical values for an accepted row, or the reason it was rejected. */
    public record Checked(String[] values, Reject reject) {
    }

    public Checked check(SourceRow row) {
        if (row.malformed()) {
            return rejected(new Reject(row.line(), null, RejectCode.MALFORMED_ROW,
                    "A quoted cell is not closed properly (a stray quote character, or text right after a closing quote?); "
                            + "the row was skipped and reading went on at the next line."));
        }
        if (row.cellCount() > header.width()) {
            return rejected(new Reject(row.line(), null, RejectCode.MALFORMED_ROW,
                    "The row has " + Counted.of(row.cellCount(), "cell") + " but the header has " + Counted.of(header.width(), "column") + "."));
        }
        Row r = new Row(row);
        String[] values = switch (header.type()) {
            case PATIENTS -> patient(r);
            case VISITS -> visit(r);
            case SYMPTOMS -> symptom(r);
        };
        return r.failure != null ? rejected(r.failure) : new Checked(values, null);
    }

    private static Checked rejected(Reject reject) {
        return new Checked(null, reject);
    }

    private String[] patient(Row r) {
        String patientId = r.id("patient_id", true);
        // input-formats.md: a patient's site defaults to main; stored as such, an absent cell and "main" are the same value.
        String siteId = Objects.requireNonNullElse(r.id("site_id", false), Limits.DEFAULT_SITE);
        Sex sex = r.code("sex", false, Sex.VOCABULARY);
        Integer birthYear = r.birthYear();
        LocalDate diagnosis = r.date("diagnosis_date", false);
        CdPattern pattern = r.code("cd_pattern", false, CdPattern.VOCABULARY);
        return new String[] {patientId, siteId, id(sex), birthYear == null ? null : birthYear.toString(), iso(diagnosis), id(pattern)};
    }

    private String[] visit(Row r) {
        String visitId = r.id("visit_id", true);
        String patientId = r.id("patient_id", true);
        LocalDate date = r.date("visit_date", true);
        Product product = r.code("product", true, Product.VOCABULARY);
        Muscle muscle = r.code("muscle", true, Muscle.VOCABULARY);
        Side side = r.code("side", true, Side.VOCABULARY);
        BigDecimal dose = r.number("dose_units", true);
        if (dose != null && dose.signum() <= 0) {
            r.fail("dose_units", RejectCode.OUT_OF_RANGE, "The dose in column dose_units must be more than 0 units.");
        }
        Guidance guidance = r.code("guidance", false, Guidance.VOCABULARY);
        String siteId = r.id("site_id", false);
        return new String[] {visitId, patientId, iso(date), id(product), id(muscle), id(side), plain(dose), id(guidance), siteId};
    }

    private String[] symptom(Row r) {
        String recordId = r.id("record_id", false);
        String patientId = r.id("patient_id", true);
        LocalDate recordedOn = r.date("recorded_on", true);
        SymptomKind kind = r.code("kind", true, SymptomKind.VOCABULARY);
        // Relief records carry neither term nor value (input-formats.md: a value is a score's or a grade): whatever the
        // cells hold is neither checked nor stored, so a note typed there does not cost the record.
        boolean relief = kind == SymptomKind.RELIEF_ONSET || kind == SymptomKind.RELIEF_WEAR_OFF;
        BigDecimal value = relief ? null : r.number("value", false);
        String visitId = r.id("visit_id", false);
        Source source = r.code("source", false, Source.VOCABULARY);
        String term = null;
        if (kind == SymptomKind.ADVERSE_EVENT) {
            AdverseEventTerm ae = r.code("term", true, AdverseEventTerm.VOCABULARY);
            term = id(ae);
            if (value != null && !(INTEGER.matcher(plain(value)).matches() && Limits.validGrade(value))) {
                r.fail("value", RejectCode.OUT_OF_RANGE, "An adverse event's grade in column value must be 1, 2 or 3.");
            }
        } else if (kind == SymptomKind.SCORE) {
            ScoreTerm score = r.code("term", true, ScoreTerm.VOCABULARY);
            term = id(score);
            if (value == null && !r.failed("value")) {
                r.fail("value", RejectCode.MISSING_FIELD, "A score needs its value in column value.");
            } else if (value != null && score != null && !score.inRange(value)) {
                r.fail("value", RejectCode.OUT_OF_RANGE, "A " + score.id() + " score in column value must be between "
                        + score.min() + " and " + score.max() + ".");
            }
        }
        return new String[] {recordId, patientId, iso(recordedOn), id(kind), term, plain(value), visitId, id(source)};
    }

    @SuppressWarnings("unchecked")
    private <E extends Enum<E> & Coded> Optional<E> find(Vocabulary<E> vocabulary, String text) {
        Map<String, Optional<?>> cache = codeCache.computeIfAbsent(vocabulary, v -> new HashMap<>());
        Optional<?> code = cache.get(text);
        if (code == null) {
            code = vocabulary.find(text);
            if (cache.size() < CODE_CACHE_LIMIT) {
                cache.put(text, code);
            }
        }
        return (Optional<E>) code;
    }

    /** Whether a decimal has at most MAX_DIGITS before and after the point, leading and trailing zeros not counted. */
    static boolean withinMaxDigits(String decimal) {
        int point = decimal.indexOf('.');
        int wholeEnd = point < 0 ? decimal.length() : point;
        int wholeStart = decimal.charAt(0) == '+' || decimal.charAt(0) == '-' ? 1 : 0;
        while (wholeStart < wholeEnd && decimal.charAt(wholeStart) == '0') {
            wholeStart++;
        }
        int fractionEnd = decimal.length();
        while (point >= 0 && fractionEnd > point + 1 && decimal.charAt(fractionEnd - 1) == '0') {
            fractionEnd--;
        }
        return wholeEnd - wholeStart <= MAX_DIGITS && (point < 0 || fractionEnd - point - 1 <= MAX_DIGITS);
    }

    /** Digits with an optional sign and one optional decimal point (a dot), at least one digit. */
    static boolean isDecimal(String text) {
        int i = text.charAt(0) == '+' || text.charAt(0) == '-' ? 1 : 0;
        boolean digit = false;
        boolean point = false;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return false;
            }
        }
        return digit;
    }

    private static String id(Coded code) {
        return code == null ? null : code.id();
    }

    private static String iso(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static String plain(BigDecimal number) {
        if (number == null) {
            return null;
        }
        BigDecimal stripped = number.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    /** One row being checked: reads trimmed cells and keeps the failure of the lowest-ranked column. */
    private final class Row {
        private final SourceRow row;
        private Reject failure;
        private int failureRank = Integer.MAX_VALUE;
        private String failedColumn;

        Row(SourceRow row) {
            this.row = row;
        }

        void fail(String column, RejectCode code, String message) {
            int rank = header.rank(column);
            if (rank < failureRank) {
                failureRank = rank;
                failedColumn = column;
                failure = new Reject(row.line(), column, code, message);
            }
        }

        boolean failed(String column) {
            return column.equals(failedColumn);
        }

        /** The trimmed cell, null when empty. */
        String text(String column) {
            String cell = row.cell(header.indexOf(column));
            if (cell == null) {
                return null;
            }
            String trimmed = Codes.strip(cell);
            return trimmed.isEmpty() ? null : trimmed;
        }

        /**
         * Whether the column has a value: {@code text}, its trimmed cell (read once by the caller), or a date cell. An
         * xlsx error cell (a formula's #N/A) has none, whether the column is required or not: the row is rejected with
         * {@code errorCode}, the code the column gives a value it cannot read, rather than stored without it.
         */
        private boolean present(String column, String text, boolean required, RejectCode errorCode) {
            String error = row.errorCell(header.indexOf(column));
            if (error != null) {
                fail(column, errorCode, "The cell in column " + column + " holds the spreadsheet error " + error
                        + " instead of a value.");
                return false;
            }
            if (text != null || row.dateCell(header.indexOf(column)) != null) {
                return true;
            }
            if (required) {
                // term and value are required by some kinds only, so a header may lack them: say which it is
                fail(column, RejectCode.MISSING_FIELD, header.indexOf(column) < 0
                        ? "This row needs the column " + column + ", which the file's header does not have."
                        : "The required column " + column + " is empty.");
            }
            return false;
        }

        String id(String column, boolean required) {
            String id = text(column);
            if (!present(column, id, required, RejectCode.MISSING_FIELD)) {
                return null;
            }
            if (!Limits.validId(id)) {
                fail(column, RejectCode.OUT_OF_RANGE, "The identifier in column " + column + " is longer than "
                        + Limits.ID_MAX_LENGTH + " characters.");
                return null;
            }
            return id;
        }

        <E extends Enum<E> & Coded> E code(String column, boolean required, Vocabulary<E> vocabulary) {
            String text = text(column);
            if (!present(column, text, required, RejectCode.UNKNOWN_CODE)) {
                return null;
            }
            Optional<E> code = find(vocabulary, text);
            if (code.isEmpty()) {
                fail(column, RejectCode.UNKNOWN_CODE, "The code in column " + column + " is not a known " + column.replace('_', ' ')
                        + "; expected one of: " + vocabulary.entries().stream().map(Coded::id).collect(Collectors.joining(", ")) + ".");
            }
            return code.orElse(null);
        }

        LocalDate date(String column, boolean required) {
            String text = text(column);
            if (!present(column, text, required, RejectCode.BAD_DATE)) {
                return null;
            }
            LocalDate date = row.dateCell(header.indexOf(column));
            if (date == null) {
                date = dates.parse(text);
            }
            if (date == null) {
                fail(column, RejectCode.BAD_DATE, "The date in column " + column + " is not a real date written as "
                        + dates.pattern() + ".");
            } else if (date.isAfter(today)) {
                fail(column, RejectCode.FUTURE_DATE, "The date in column " + column + " is after the day of the ingest ("
                        + today + ").");
                return null;
            }
            return date;
        }

        BigDecimal number(String column, boolean required) {
            String text = text(column);
            if (!present(column, text, required, RejectCode.BAD_NUMBER)) {
                return null;
            }
            if (!isDecimal(text)) {
                fail(column, RejectCode.BAD_NUMBER, "The value in column " + column + " is not a number (digits, with a dot for decimals).");
                return null;
            }
            if (text.length() > MAX_DIGITS && !withinMaxDigits(text)) {
                fail(column, RejectCode.BAD_NUMBER, "The value in column " + column + " has more than " + MAX_DIGITS
                        + " digits before or after the dot.");
                return null;
            }
            return new BigDecimal(text);
        }

        Integer birthYear() {
            String column = "birth_year";
            String text = text(column);
            if (!present(column, text, false, RejectCode.BAD_NUMBER)) {
                return null;
            }
            Matcher whole = WHOLE_NUMBER.matcher(text);
            boolean isWhole = whole.matches();
            if (!isWhole && !isDecimal(text)) {
                fail(column, RejectCode.BAD_NUMBER, "The birth year is not a number (digits).");
                return null;
            }
            // A number that parses but is no whole year (1970.5) is outside the range of years, as a grade of 1.5 is.
            int year = !isWhole || whole.group(1).length() > 9 ? Integer.MIN_VALUE : Integer.parseInt(whole.group(1));
            if (!Limits.validBirthYear(year, today)) {
                fail(column, RejectCode.OUT_OF_RANGE, "The birth year must be a whole year from " + Limits.BIRTH_YEAR_MIN
                        + " to " + today.getYear() + ".");
                return null;
            }
            return year;
        }
    }
}
