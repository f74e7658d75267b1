package org.cdoutcomes.ingest.validate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.cdoutcomes.ingest.read.Header;
import org.cdoutcomes.ingest.read.RecordType;
import org.cdoutcomes.ingest.read.SourceRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RowValidatorTests {
    private static final LocalDate TODAY = LocalDate.of(2025, 6, 30);
    private static final String VISITS = "visit_id,patient_id,visit_date,product,muscle,side,dose_units,guidance,site_id";
    private static final String SYMPTOMS = "record_id,patient_id,recorded_on,kind,term,value,visit_id,source";
    private static final String PATIENTS = "patient_id,site_id,sex,birth_year,diagnosis_date,cd_pattern";

    private static RowValidator.Checked check(String header, String row) {
        return check(header, row, DateParser.iso());
    }

    private static RowValidator.Checked check(String header, String row, DateParser dates) {
        Header h = Header.match(List.of(header.split(",", -1)), Optional.empty());
        String[] cells = row.split(",", -1);
        return new RowValidator(h, dates, TODAY).check(new SourceRow(7, cells, cells.length));
    }

    private static void rejected(String header, String row, String column, RejectCode code) {
        Reject reject = check(header, row).reject();
        assertEquals(code, reject == null ? null : reject.code(), row);
        assertEquals(column, reject.column(), row);
        assertEquals(7, reject.line());
    }

    /**
     * A number of more than 1,000 digits before or after the dot is a BAD_NUMBER (one past PostgreSQL's numeric, stored,
     * failed the whole run); zeros that do not change the value do not count.
     */
    @Test
    void numbersOfMoreThanAThousandDigitsAreBadNumbers() {
        String visit = "V1,P1,2025-01-02,Botox,SCM,L,";
        assertNull(check(VISITS, visit + "0001" + "0".repeat(999) + ".000,,").reject());
        rejected(VISITS, visit + "1" + "0".repeat(1_000) + ",,", "dose_units", RejectCode.BAD_NUMBER);
        assertNull(check(VISITS, visit + "0." + "0".repeat(999) + "1,,").reject());
        rejected(VISITS, visit + "0." + "0".repeat(1_000) + "1,,", "dose_units", RejectCode.BAD_NUMBER);
        assertEquals("20", check(VISITS, visit + "20." + "0".repeat(20_000) + ",,").values()[6]);
        rejected(SYMPTOMS, "R1,P1,2025-01-02,score,pain_nrs,1." + "0".repeat(1_000) + "1,,", "value", RejectCode.BAD_NUMBER);
    }

    /** The row as an xlsx sheet gives it, with error cells (their text is the error, as Excel shows it) where marked. */
    private static RowValidator.Checked checkWithErrors(String header, String row, int... errorColumns) {
        Header h = Header.match(List.of(header.split(",", -1)), Optional.empty());
        String[] cells = row.split(",", -1);
        String[] errors = new String[cells.length];
        for (int column : errorColumns) {
            errors[column] = cells[column];
        }
        return new RowValidator(h, DateParser.iso(), TODAY).check(new SourceRow(7, cells, new LocalDate[cells.length], errors,
                cells.length, false));
    }

    /**
     * An xlsx error cell (a lookup's #N/A) holds no value: its row is rejected, also for an optional column, with the
     * code the column gives what it cannot read (ids: MISSING_FIELD), not stored under the id "#N/A". As text in a CSV
     * file, #N/A is an id like any other.
     */
    @Test
    void spreadsheetErrorCellsRejectTheirRowWithTheColumnsCode() {
        Reject patient = checkWithErrors(VISITS, "V1,#N/A,2025-01-02,Botox,SCM,L,20,,", 1).reject();
        assertEquals(RejectCode.MISSING_FIELD, patient.code());
        assertEquals("patient_id", patient.column());
        assertEquals("The cell in column patient_id holds the spreadsheet error #N/A instead of a value.", patient.message());
        // the first cell marked an error, in each kind of column: code and column of the reject
        Object[][] cases = {
                {VISITS, "V1,P1,2025-01-02,Botox,SCM,L,20,,#REF!", 8, RejectCode.MISSING_FIELD, "site_id"},
                {VISITS, "V1,P1,2025-01-02,Botox,SCM,L,#DIV/0!,,", 6, RejectCode.BAD_NUMBER, "dose_units"},
                {VISITS, "V1,P1,#VALUE!,Botox,SCM,L,20,,", 2, RejectCode.BAD_DATE, "visit_date"},
                {VISITS, "V1,P1,2025-01-02,Botox,SCM,L,20,#NAME?,", 7, RejectCode.UNKNOWN_CODE, "guidance"},
                {SYMPTOMS, "#N/A,P1,2025-01-02,score,pain_nrs,4,,", 0, RejectCode.MISSING_FIELD, "record_id"},
                {PATIENTS, "P1,,F,#NUM!,,", 3, RejectCode.BAD_NUMBER, "birth_year"}};
        for (Object[] c : cases) {
            Reject reject = checkWithErrors((String) c[0], (String) c[1], (int) c[2]).reject();
            assertEquals(List.of(c[3], c[4]), List.of(reject.code(), reject.column()), (String) c[1]);
        }
        // a relief record reads neither term nor value, so an error there costs it nothing
        assertNull(checkWithErrors(SYMPTOMS, "R1,P1,2025-01-02,relief_onset,,#N/A,,", 5).reject());
        assertArrayEquals(new String[] {"V1", "#N/A", "2025-01-02", "onabotulinumtoxinA", "sternocleidomastoid", "left", "20", null, null},
                check(VISITS, "V1,#N/A,2025-01-02,Botox,SCM,L,20,,").values());
    }

    @Test
    void acceptedVisitRowIsCanonical() {
        RowValidator.Checked checked = check(VISITS, " V1 ,P1,2025-01-02,Botox,Upper-Trapezius,B,20.50,EMG,");
        assertNull(checked.reject());
        assertArrayEquals(new String[] {"V1", "P1", "2025-01-02", "onabotulinumtoxinA", "trapezius", "bilateral", "20.5", "emg", null},
                checked.values());
    }

    @Test
    void cellsLoseTheNoBreakSpacesOfSpreadsheetExportsLikeAnyOther() {
        assertArrayEquals(new String[] {"P1", "main", "F", null, null, null},
                check(PATIENTS, "\u00a0P1\u00a0,\u00a0,F\u202f,,,").values());
    }

    @Test
    void everyVisitCode() {
        rejected(VISITS, ",P1,2025-01-02,Botox,SCM,L,20,,", "visit_id", RejectCode.MISSING_FIELD);
        rejected(VISITS, "V1,P1,2025-02-30,Botox,SCM,L,20,,", "visit_date", RejectCode.BAD_DATE);
        rejected(VISITS, "V1,P1,2025-07-01,Botox,SCM,L,20,,", "visit_date", RejectCode.FUTURE_DATE);
        rejected(VISITS, "V1,P1,2025-01-02,Botax,SCM,L,20,,", "product", RejectCode.UNKNOWN_CODE);
        rejected(VISITS, "V1,P1,2025-01-02,Botox,neck,L,20,,", "muscle", RejectCode.UNKNOWN_CODE);
        rejected(VISITS, "V1,P1,2025-01-02,Botox,SCM,up,20,,", "side", RejectCode.UNKNOWN_CODE);
        rejected(VISITS, "V1,P1,2025-01-02,Botox,SCM,L,12,5,,", null, RejectCode.MALFORMED_ROW);
        rejected(VISITS, "V1,P1,2025-01-02,Botox,SCM,L,twenty,,", "dose_units", RejectCode.BAD_NUMBER);
        rejected(VISITS, "V1,P1,0000-01-02,Botox,SCM,L,20,,", "visit_date", RejectCode.BAD_DATE);
        rejected(VISITS, "V1,P1,2025-01-02,Botox,SCM,L,0,,", "dose_units", RejectCode.OUT_OF_RANGE);
        rejected(VISITS, "V1,P1,2025-01-02,Botox,SCM,L,-5,,", "dose_units", RejectCode.OUT_OF_RANGE);
        rejected(VISITS, "V1,P1,2025-01-02,Botox,SCM,L,20,laser,", "guidance", RejectCode.UNKNOWN_CODE);
        rejected(VISITS, "V1,P1,2025-01-02,Botox,SCM,L,20,,x".replace(",x", "," + "s".repeat(65)), "site_id", RejectCode.OUT_OF_RANGE);
        rejected(VISITS, "V".repeat(65) + ",P1,2025-01-02,Botox,SCM,L,20,,", "visit_id", RejectCode.OUT_OF_RANGE);
    }

    @Test
    void firstBrokenRuleFollowsTheFileColumnOrder() {
        rejected(VISITS, "V1,P1,2025-02-30,Botax,SCM,L,0,,", "visit_date", RejectCode.BAD_DATE);
        String reordered = "dose_units,product,visit_date,visit_id,patient_id,muscle,side";
        rejected(reordered, "0,Botax,2025-02-30,V1,P1,SCM,L", "dose_units", RejectCode.OUT_OF_RANGE);
        rejected(reordered, "10,Botax,2025-02-30,V1,P1,SCM,L", "product", RejectCode.UNKNOWN_CODE);
        // a score's range depends on its term, yet is reported at the value column when that comes first
        rejected("value,kind,term,patient_id,recorded_on", "99,score,tsui,P1,2025-01-01", "value", RejectCode.OUT_OF_RANGE);
        rejected("value,kind,term,patient_id,recorded_on", "99,score,nonsense,P1,2025-01-01", "term", RejectCode.UNKNOWN_CODE);
    }

    @Test
    void aTermOrValueColumnMissingFromTheHeaderIsNamedAsSuch() {
        String noTerm = "patient_id,recorded_on,kind,value";
        rejected(noTerm, "P1,2025-01-02,score,7", "term", RejectCode.MISSING_FIELD);
        assertEquals("This row needs the column term, which the file's header does not have.",
                check(noTerm, "P1,2025-01-02,score,7").reject().message());
        assertEquals("The required column term is empty.", check(SYMPTOMS, "R1,P1,2025-01-02,score,,7,,").reject().message());
        assertNull(check(noTerm, "P1,2025-01-02,relief_onset,").reject(), "relief records need no term");
    }

    @Test
    void everySymptomCode() {
        rejected(SYMPTOMS, "R1,,2025-01-02,relief_onset,,,,", "patient_id", RejectCode.MISSING_FIELD);
        rejected(SYMPTOMS, "R1,P1,,relief_onset,,,,", "recorded_on", RejectCode.MISSING_FIELD);
        rejected(SYMPTOMS, "R1,P1,2025-01-02,relief,,,,", "kind", RejectCode.UNKNOWN_CODE);
        rejected(SYMPTOMS, "R1,P1,2025-01-02,adverse_event,,,,", "term", RejectCode.MISSING_FIELD);
        rejected(SYMPTOMS, "R1,P1,2025-01-02,adverse_event,tsui,,,", "term", RejectCode.UNKNOWN_CODE);
        rejected(SYMPTOMS, "R1,P1,2025-01-02,adverse_event,dysphagia,4,,", "value", RejectCode.OUT_OF_RANGE);
        rejected(SYMPTOMS, "R1,P1,2025-01-02,adverse_event,dysphagia,1.5,,", "value", RejectCode.OUT_OF_RANGE);
        rejected(SYMPTOMS, "R1,P1,2025-01-02,score,,5,,", "term", RejectCode.MISSING_FIELD);
        rejected(SYMPTOMS, "R1,P1,2025-01-02,score,twstrs_total,,,", "value", RejectCode.MISSING_FIELD);
        rejected(SYMPTOMS, "R1,P1,2025-01-02,score,twstrs_total,88,,", "value", RejectCode.OUT_OF_RANGE);
        rejected(SYMPTOMS, "R1,P1,2025-01-02,score,pain_nrs,-1,,", "value", RejectCode.OUT_OF_RANGE);
        rejected(SYMPTOMS, "R1,P1,2025-01-02,score,pain_nrs,7a,,", "value", RejectCode.BAD_NUMBER);
        rejected(SYMPTOMS, "R1,P1,2025-01-02,score,pain_nrs,7,,fax", "source", RejectCode.UNKNOWN_CODE);
        assertArrayEquals(new String[] {null, "P1", "2025-01-02", "adverse_event", "dysphagia", "2", "V9", "phone"},
                check(SYMPTOMS, ",P1,2025-01-02,Adverse Event,swallowing difficulty,2.0,V9,PHONE").values());
        assertArrayEquals(new String[] {"R1", "P1", "2025-01-02", "score", "twstrs_total", "87", null, null},
                check(SYMPTOMS, "R1,P1,2025-01-02,score,twstrs_total,87,,").values());
        assertArrayEquals(new String[] {"R1", "P1", "2025-01-02", "relief_onset", null, null, null, null},
                check(SYMPTOMS, "R1,P1,2025-01-02,relief_onset,whatever,3,,").values(), "relief records keep no term or value");
        assertArrayEquals(new String[] {"R1", "P1", "2025-01-02", "relief_wear_off", null, null, null, null},
                check(SYMPTOMS, "R1,P1,2025-01-02,relief_wear_off,,some relief,,").values(), "nor do they check a value");
        rejected(SYMPTOMS, "R1,P1,2025-01-02,reliev_onset,,some relief,,", "kind", RejectCode.UNKNOWN_CODE);
    }

    @Test
    void everyPatientCode() {
        rejected(PATIENTS, "P1,,female,,,", "sex", RejectCode.UNKNOWN_CODE);
        rejected(PATIENTS, "P1,,,19x0,,", "birth_year", RejectCode.BAD_NUMBER);
        rejected(PATIENTS, "P1,,,1899,,", "birth_year", RejectCode.OUT_OF_RANGE);
        rejected(PATIENTS, "P1,,,2026,,", "birth_year", RejectCode.OUT_OF_RANGE);
        rejected(PATIENTS, "P1,,,1970.5,,", "birth_year", RejectCode.OUT_OF_RANGE);
        rejected(PATIENTS, "P1,,,.5,,", "birth_year", RejectCode.OUT_OF_RANGE);
        rejected(PATIENTS, "P1,,,1899.0,,", "birth_year", RejectCode.OUT_OF_RANGE);
        // a year column with empty cells, as a data frame exports it
        assertArrayEquals(new String[] {"P1", "main", null, "1970", null, null}, check(PATIENTS, "P1,,,1970.0,,").values());
        rejected(PATIENTS, "P1,,,,2025-07-01,", "diagnosis_date", RejectCode.FUTURE_DATE);
        rejected(PATIENTS, "P1,,,,31/12/2020,", "diagnosis_date", RejectCode.BAD_DATE);
        rejected(PATIENTS, "P1,,,,,wobble", "cd_pattern", RejectCode.UNKNOWN_CODE);
        assertArrayEquals(new String[] {"P1", "north", "unknown", "2025", "2025-06-30", "laterocollis"},
                check(PATIENTS, "P1,north,Unknown,2025,2025-06-30,Latero-collis".replace("Latero-collis", "laterocollis")).values());
    }

    /**
     * Ids are 1-64 characters as PostgreSQL's length() counts them (code points): 64 emoji are 128 UTF-16 units and
     * must pass, 65 must not; accented letters are one unit each. Every id column of every type, at its own cell
     * (the accepted values keep the cells' order).
     */
    @ParameterizedTest
    @CsvSource({
            "patients, P1;;;;;, 0", "patients, P1;north;;;;, 1",
            "visits, V1;P1;2025-01-02;Botox;SCM;L;20;;north, 0", "visits, V1;P1;2025-01-02;Botox;SCM;L;20;;north, 1",
            "visits, V1;P1;2025-01-02;Botox;SCM;L;20;;north, 8",
            "symptoms, R1;P1;2025-01-02;relief_onset;;;V1;, 0", "symptoms, R1;P1;2025-01-02;relief_onset;;;V1;, 1",
            "symptoms, R1;P1;2025-01-02;relief_onset;;;V1;, 6"})
    void idLengthCountsCharactersNotUtf16Units(String type, String template, int cell) {
        String header = switch (type) {
            case "patients" -> PATIENTS;
            case "visits" -> VISITS;
            default -> SYMPTOMS;
        };
        String column = header.split(",")[cell];
        String emoji = Character.toString(0x1F600);
        for (String id : List.of(emoji.repeat(64), "\u00e9".repeat(64), "\u00e9".repeat(63) + emoji)) {
            RowValidator.Checked checked = check(header, withCell(template, cell, id));
            assertNull(checked.reject(), column + " of " + id.length() + " UTF-16 units");
            assertEquals(id, checked.values()[cell], column);
        }
        for (String id : List.of(emoji.repeat(65), "\u00e9".repeat(65))) {
            rejected(header, withCell(template, cell, id), column, RejectCode.OUT_OF_RANGE);
        }
    }

    private static String withCell(String template, int cell, String value) {
        String[] cells = template.split(";", -1);
        cells[cell] = value;
        return String.join(",", cells);
    }

    @Test
    void dateFormatOptionReadsOtherPatternsStrictly() {
        DateParser dmy = DateParser.of("dd/MM/yyyy");
        // (an absent patient site is main, its default)
        assertArrayEquals(new String[] {"P1", "main", null, null, "2020-12-31", null},
                check(PATIENTS, "P1,,,,31/12/2020,", dmy).values());
        assertEquals(RejectCode.BAD_DATE, check(PATIENTS, "P1,,,,30/02/2020,", dmy).reject().code());
        assertEquals(RejectCode.BAD_DATE, check(PATIENTS, "P1,,,,2020-12-31,", dmy).reject().code());
    }

    @Test
    void messagesNeverRepeatTheCell() {
        Reject reject = check(SYMPTOMS, "R1,PATIENT-SECRET,2025-01-02,score,twstrs_total,88,,").reject();
        assertFalse(reject.message().contains("88"));
        assertFalse(reject.message().contains("PATIENT-SECRET"));
        assertFalse(check(VISITS, "V1,PATIENT-SECRET,2025-02-30,Botox,SCM,L,20,,").reject().message().contains("2025-02-30"));
    }

    @Test
    void decimalsUseADot() {
        assertEquals(true, RowValidator.isDecimal("12.5"));
        assertEquals(true, RowValidator.isDecimal(".5"));
        assertEquals(false, RowValidator.isDecimal("1.2.3"));
        assertEquals(false, RowValidator.isDecimal("-"));
        assertEquals(false, RowValidator.isDecimal("1e3"));
    }

    @Test
    void headerRecognisesTypeAndRequiredColumns() {
        assertEquals(RecordType.VISITS, Header.match(List.of(VISITS.split(",")), Optional.empty()).type());
        assertEquals(RecordType.SYMPTOMS, Header.match(List.of(" Patient_ID ", "RECORDED_ON", "kind"), Optional.empty()).type());
        assertEquals(List.of("colour"), Header.match(List.of("patient_id", "colour"), Optional.empty()).unknownColumns());
    }
}
