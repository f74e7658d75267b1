package org.cdoutcomes.app.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.cdoutcomes.app.generate.GeneratedExport.Row;
import org.cdoutcomes.model.vocabulary.Product;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files of the synthetic clinic: reproducible, valid per input-formats.md but for a few rows broken on purpose. */
class GeneratedClinicTests {
    private static final LocalDate FROM = LocalDate.of(2024, 1, 1);
    private static final LocalDate TO = LocalDate.of(2025, 12, 31);
    private static final List<String> FILES = List.of("patients.csv", "visits.csv", "symptoms.csv");

    @TempDir
    Path temp;

    @Test
    void sameOptionsWriteTheSameBytes() throws IOException {
        GeneratorOptions options = new GeneratorOptions(1200, 42, FROM, TO);
        SyntheticClinic.write(options, temp.resolve("a"));
        SyntheticClinic.write(options, temp.resolve("b"));
        for (String file : FILES) {
            assertEquals(-1, Files.mismatch(temp.resolve("a").resolve(file), temp.resolve("b").resolve(file)), file);
        }
    }

    @Test
    void theBytesDoNotDependOnTheNumberOfThreads() throws IOException {
        GeneratorOptions options = new GeneratorOptions(2100, 8, FROM, TO);
        SyntheticClinic.write(options, temp.resolve("one"), 1);
        SyntheticClinic.write(options, temp.resolve("four"), 4);
        for (String file : FILES) {
            assertEquals(-1, Files.mismatch(temp.resolve("one").resolve(file), temp.resolve("four").resolve(file)), file);
        }
    }

    @Test
    void anotherSeedIsAnotherClinic() throws IOException {
        SyntheticClinic.write(new GeneratorOptions(300, 1, FROM, TO), temp.resolve("one"));
        SyntheticClinic.write(new GeneratorOptions(300, 2, FROM, TO), temp.resolve("two"));
        for (String file : FILES) {
            assertNotEquals(-1, Files.mismatch(temp.resolve("one").resolve(file), temp.resolve("two").resolve(file)), file);
        }
    }

    @Test
    void aPatientsRowsDependOnSeedPeriodAndPatientOnlyNotOnHowManyOthersOrWhichThread() throws IOException {
        // 1,700 patients run in several blocks (on several threads); their first 600 must be those of a 600-patient clinic.
        SyntheticClinic.write(new GeneratorOptions(600, 5, FROM, TO), temp.resolve("small"));
        SyntheticClinic.write(new GeneratorOptions(1700, 5, FROM, TO), temp.resolve("large"));
        for (String file : FILES) {
            String small = Files.readString(temp.resolve("small").resolve(file));
            String large = Files.readString(temp.resolve("large").resolve(file));
            assertTrue(large.startsWith(small), file);
            assertTrue(large.length() > small.length(), file);
        }
    }

    @Test
    void writesTheCanonicalHeadersAndIdsThatCannotBeMistakenForNumbers() throws IOException {
        SyntheticClinic.write(new GeneratorOptions(50, 1, FROM, TO), temp);
        GeneratedExport export = new GeneratedExport(temp, TO);
        assertEquals(List.of(GeneratedExport.PATIENTS_HEADER, GeneratedExport.VISITS_HEADER, GeneratedExport.SYMPTOMS_HEADER),
                export.headers);
        assertEquals(50, export.patients.stream().map(row -> row.get("patient_id")).distinct().count());
        assertEquals("CD-000001", export.patients.get(0).get("patient_id"));
        assertTrue(export.patients.stream().allMatch(row -> row.get("patient_id").matches("CD-\\d{6}")));
    }

    @Test
    void everyRowFollowsTheInputFormatsButTheFewBrokenOnPurpose() throws IOException {
        GenerationSummary summary = SyntheticClinic.write(new GeneratorOptions(800, 3, FROM, TO), temp);
        GeneratedExport export = new GeneratedExport(temp, TO);
        List<Row> all = export.all();
        List<Row> broken = all.stream().filter(row -> !row.valid()).toList();

        assertEquals(summary.rows(), all.size());
        assertEquals(summary.ruleBreakingRows(), broken.size());
        assertTrue(broken.size() >= 5, "a handful of broken rows, got " + broken.size());
        assertTrue(broken.size() <= all.size() * 2 / 1000, broken.size() + " broken rows of " + all.size());
        Set<String> expectedCodes = Arrays.stream(RuleBreak.values()).map(RuleBreak::rejectCode).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expectedCodes, broken.stream().map(Row::code).collect(Collectors.toCollection(TreeSet::new)));
        assertFalse(broken.stream().anyMatch(row -> row.code().equals("FUTURE_DATE")));
        assertNoConflictingVisits(export.visits);
    }

    @Test
    void everyKindOfBrokenRowShowsUpInAClinicOfAThousandOverAnyPeriod() throws IOException {
        for (int years : List.of(1, 2, 5)) {
            Path directory = temp.resolve(years + "y");
            SyntheticClinic.write(new GeneratorOptions(1000, 1, TO.minusYears(years).plusDays(1), TO), directory);
            Set<String> problems = new GeneratedExport(directory, TO).all().stream().filter(row -> !row.valid())
                    .map(Row::problem).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(Set.of("UNKNOWN_CODE muscle", "OUT_OF_RANGE dose_units", "MISSING_FIELD dose_units", "BAD_DATE visit_date",
                    "UNKNOWN_CODE product", "UNKNOWN_CODE side", "OUT_OF_RANGE value", "BAD_DATE recorded_on", "UNKNOWN_CODE term",
                    "MISSING_FIELD kind", "BAD_NUMBER value", "MISSING_FIELD patient_id", "OUT_OF_RANGE birth_year"), problems, years + " years");
        }
    }

    @Test
    void evenATinyClinicHasAHandfulOfBrokenRows() throws IOException {
        GenerationSummary summary = SyntheticClinic.write(new GeneratorOptions(5, 1, FROM, TO), temp);
        assertEquals(5, new GeneratedExport(temp, TO).all().stream().filter(row -> !row.valid()).count());
        assertEquals(5, summary.ruleBreakingRows());
    }

    @Test
    void noRecordLiesOutsideThePeriod() throws IOException {
        LocalDate from = LocalDate.of(2023, 3, 15);
        LocalDate to = LocalDate.of(2024, 6, 30);
        SyntheticClinic.write(new GeneratorOptions(1500, 9, from, to), temp);
        GeneratedExport export = new GeneratedExport(temp, to);
        for (Row row : export.visits) {
            LocalDate date = GeneratedExport.parseDate(row.get("visit_date"));
            assertTrue(date == null || !date.isBefore(from) && !date.isAfter(to), "visit dated " + date);
        }
        for (Row row : export.symptoms) {
            LocalDate date = row.get("recorded_on") == null ? null : GeneratedExport.parseDate(row.get("recorded_on"));
            assertTrue(date == null || !date.isBefore(from) && !date.isAfter(to), "symptom dated " + date);
        }
        for (Row row : export.patients) {
            LocalDate diagnosis = row.get("diagnosis_date") == null ? null : GeneratedExport.parseDate(row.get("diagnosis_date"));
            assertTrue(diagnosis == null || !diagnosis.isAfter(to), "diagnosed " + diagnosis);
        }
    }

    /** A period that starts and ends on a weekend (Saturday 2024-12-07 to Sunday 2025-03-09) still has weekday visits only. */
    @Test
    void aPeriodBetweenWeekendsHasNoWeekendVisit() throws IOException {
        LocalDate from = LocalDate.of(2024, 12, 7);
        LocalDate to = LocalDate.of(2025, 3, 9);
        SyntheticClinic.write(new GeneratorOptions(800, 1, from, to), temp);
        List<LocalDate> dates = new GeneratedExport(temp, to).visits.stream().filter(Row::valid)
                .map(row -> GeneratedExport.parseDate(row.get("visit_date"))).toList();
        assertTrue(dates.size() > 1000, dates.size() + " visit rows");
        assertTrue(dates.contains(LocalDate.of(2024, 12, 9)), "the first Monday has visits");
        assertEquals(List.of(), dates.stream().filter(d -> d.getDayOfWeek().getValue() >= 6).distinct().toList());
    }

    @Test
    void aOneDayPeriodStillWorks() throws IOException {
        LocalDate day = LocalDate.of(2025, 6, 2);
        GenerationSummary summary = SyntheticClinic.write(new GeneratorOptions(200, 1, day, day), temp);
        GeneratedExport export = new GeneratedExport(temp, day);
        assertEquals(summary.rows(), export.all().size());
        assertTrue(export.visits.stream().filter(Row::valid).allMatch(row -> row.get("visit_date").equals("2025-06-02")));
    }

    /** Valid rows of one visit_id agree on patient, date, product and (where both give one) site: no CONFLICTING_VISIT. */
    private static void assertNoConflictingVisits(List<Row> visits) {
        Map<String, Row> firstRow = new HashMap<>();
        for (Row row : visits) {
            if (!row.valid()) {
                continue;
            }
            Row first = firstRow.putIfAbsent(row.get("visit_id"), row);
            if (first == null) {
                continue;
            }
            assertEquals(first.get("patient_id"), row.get("patient_id"), "line " + row.line());
            assertEquals(first.get("visit_date"), row.get("visit_date"), "line " + row.line());
            assertEquals(Product.VOCABULARY.find(first.get("product")), Product.VOCABULARY.find(row.get("product")), "line " + row.line());
            if (first.get("site_id") != null && row.get("site_id") != null) {
                assertEquals(first.get("site_id"), row.get("site_id"), "line " + row.line());
            }
        }
    }
}
