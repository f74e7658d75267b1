package org.cdoutcomes.app.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.cdoutcomes.app.CdoRun;
import org.cdoutcomes.db.TestDatabases;
import org.cdoutcomes.model.vocabulary.Product;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A generated clinic of 3,000 patients over three years, taken through the real {@code cdo ingest} and
 * {@code cdo analyze}: the figures a neurologist would read off the analysis, against the numbers of
 * synthetic-clinic.md. Tolerances allow for the sample (about 22,000 cycles) and for "about" in the spec.
 */
class SyntheticClinicIntegrationTests {
    private static final GeneratorOptions OPTIONS =
            new GeneratorOptions(3000, GeneratorOptions.DEFAULT_SEED, LocalDate.of(2023, 1, 1), LocalDate.of(2025, 12, 31));
    /** The spec's shares of patients by product. */
    private static final Map<Product, Double> PRODUCT_SHARES = Map.of(Product.ONABOTULINUMTOXIN_A, 0.45,
            Product.ABOBOTULINUMTOXIN_A, 0.25, Product.INCOBOTULINUMTOXIN_A, 0.15, Product.RIMABOTULINUMTOXIN_B, 0.08,
            Product.DAXIBOTULINUMTOXIN_A, 0.07);

    @TempDir
    static Path work;
    private static Path clinic;
    private static GenerationSummary generated;
    private static JdbcTemplate database;
    private static DocumentContext analysis;

    @BeforeAll
    static void generateIngestAndAnalyse() throws IOException {
        clinic = work.resolve("clinic");
        generated = SyntheticClinic.write(OPTIONS, clinic);
        DataSource dataSource = TestDatabases.migrated("cdo_synthetic");
        database = new JdbcTemplate(dataSource);
        String url = TestDatabases.jdbcUrl(dataSource);

        CdoRun ingest = CdoRun.of("ingest", clinic.toString(), "--rejects", work.resolve("rejects.csv").toString(), "--db", url);
        assertEquals(0, ingest.exitCode(), ingest::toString);
        Path json = work.resolve("analysis.json");
        CdoRun analyze = CdoRun.of("analyze", "--json", json.toString(), "--db", url);
        assertEquals(0, analyze.exitCode(), analyze::toString);
        analysis = JsonPath.parse(Files.readString(json));
        assertEquals(OPTIONS.to().toString(), analysis.read("$.cohort.as_of"));
    }

    @Test
    void aboutNinetyPercentOfCyclesReportOnsetAfterAMedianOfFiveDaysMostWithinTwoWeeksWithATailToEightWeeks() {
        Map<String, Object> all = stratum("time_to_onset", "all", "all");
        List<Map<String, Object>> curve = curve(all);
        // A cycle without onset is censored at its end, 10+ weeks on, long after any onset: the KM estimate
        // 1 - S(56) is the share of cycles with onset (events / n undercounts it: young cycles are censored early).
        double withOnset = 1 - survivalAt(curve, 56);
        assertBetween(0.87, 0.93, withOnset, "share of cycles with onset");
        assertTrue((double) (int) all.get("events") / (int) all.get("n") < withOnset, "events / n is a lower bound");

        assertBetween(4, 6, medianDaysToOnsetOfCyclesWithOnset(), "median days to onset of cycles with onset");
        // The KM median over all cycles (those without onset stay at risk) is the 0.5 / 0.9 quantile: at most a day later.
        assertBetween(4, 7, number(all.get("median")), "KM median days to onset");
        assertTrue(number(all.get("median_ci_upper")) - number(all.get("median_ci_lower")) <= 2, "a narrow interval at this size");

        assertTrue((1 - survivalAt(curve, 14)) / withOnset >= 0.8, "most onsets within 2 weeks");
        int lastOnset = lastEventDay(curve);
        assertBetween(29, 56, lastOnset, "the tail of days to onset reaches towards 8 weeks, not beyond");
    }

    @Test
    void reliefWearsOffTenToFourteenWeeksAfterInjectionAndDaxibotulinumtoxinATwentyToTwentyFour() {
        double onsetDays = medianDaysToOnsetOfCyclesWithOnset();
        Map<String, Object> daxi = stratum("duration_of_relief", "product", Product.DAXIBOTULINUMTOXIN_A.id());
        for (Product product : Product.values()) {
            Map<String, Object> row = stratum("duration_of_relief", "product", product.id());
            // Duration runs from onset: the wear-off lies about the median onset later after the injection.
            double weeksAfterInjection = (number(row.get("median")) + onsetDays) / 7;
            if (product == Product.DAXIBOTULINUMTOXIN_A) {
                assertBetween(20, 24, weeksAfterInjection, product.id() + " median wear-off, weeks after injection");
            } else {
                assertBetween(10, 14, weeksAfterInjection, product.id() + " median wear-off, weeks after injection");
                assertTrue(number(daxi.get("median_ci_lower")) > number(row.get("median_ci_upper")) + 28,
                        "daxibotulinumtoxinA lasts clearly (over 4 weeks) longer than " + product.id());
            }
        }
        Map<String, Object> all = stratum("duration_of_relief", "all", "all");
        assertTrue((int) all.get("events") > (int) all.get("n") / 2, "wear-off reported in most cycles with onset");
        assertTrue((int) all.get("censored") > (int) all.get("n") / 5, "often censored by the next injection");
        List<Object> logRank = analysis.read("$.comparisons[?(@.metric == 'duration_of_relief')].p_value");
        assertTrue(number(logRank.get(0)) < 1e-9, "products differ in duration: " + logRank);
    }

    @Test
    void dysphagiaInAboutFivePercentOfCyclesTwoToThreeTimesAsLikelyWhenTheSternocleidomastoidIsInjected() {
        assertBetween(0.04, 0.06, number(sideEffect("any", "dysphagia").get("rate")), "dysphagia rate");
        Map<String, Object> scm = sideEffect("sternocleidomastoid", "dysphagia");
        // "2-3 times", widened by the sampling error of a log relative risk at this size (about 0.12).
        assertBetween(1.8, 3.4, number(scm.get("relative_risk")), "relative risk of dysphagia after the sternocleidomastoid");
        assertTrue(number(scm.get("rr_ci_lower")) > 1, "its interval excludes 1: " + scm);
        assertTrue(number(scm.get("fisher_p")) < 1e-6, "Fisher p: " + scm);
    }

    @Test
    void neckWeaknessInAboutFivePercentMoreLikelyAfterSemispinalisCapitis() {
        assertBetween(0.04, 0.07, number(sideEffect("any", "neck_weakness").get("rate")), "neck weakness rate");
        assertTrue(number(sideEffect("semispinalis_capitis", "neck_weakness").get("rr_ci_lower")) > 1,
                "more neck weakness after semispinalis capitis");
    }

    @Test
    void injectionSitePainAboutFivePercentHeadacheFluLikeSymptomsAndFatigueAFewPercent() {
        assertBetween(0.035, 0.065, number(sideEffect("any", "injection_site_pain").get("rate")), "injection site pain");
        for (String term : List.of("headache", "flu_like_symptoms", "fatigue")) {
            assertBetween(0.01, 0.05, number(sideEffect("any", term).get("rate")), term);
        }
    }

    @Test
    void dryMouthMostlyAfterRimabotulinumtoxinBInAboutOneCycleInFive() {
        // The analysis has no side-effect rates per product: count from the stored records, with analytics.md's
        // rules (a session per patient and day, its product the first visit's; window 0-28 days and before the next
        // session; a cycle counts when closed or when its window has passed by the cutoff).
        Map<String, double[]> rates = new TreeMap<>();
        database.query("""
                with session as (
                    select distinct on (patient_id, visit_date) patient_id, visit_date, product
                    from visit order by patient_id, visit_date, visit_id collate "C"),
                cycle as (
                    select patient_id, visit_date as start, product,
                           lead(visit_date) over (partition by patient_id order by visit_date) as next
                    from session)
                select product, count(*) as cycles,
                       count(*) filter (where exists (
                           select 1 from symptom s
                           where s.patient_id = c.patient_id and s.kind = 'adverse_event' and s.term = 'dry_mouth'
                             and s.recorded_on between c.start and c.start + 28 and (c.next is null or s.recorded_on < c.next)))
                           as with_dry_mouth
                from cycle c
                where c.next is not null or c.start + 28 <= ?
                group by product
                """, rs -> {
            rates.put(rs.getString(1), new double[] {rs.getLong(2), (double) rs.getLong(3) / rs.getLong(2)});
        }, OPTIONS.to());
        assertEquals(Product.values().length, rates.size(), rates::toString);
        rates.forEach((product, rate) -> {
            if (product.equals(Product.RIMABOTULINUMTOXIN_B.id())) {
                assertBetween(0.16, 0.24, rate[1], "dry mouth after " + product);
            } else {
                assertBetween(0, 0.03, rate[1], "dry mouth after " + product);
            }
        });
        assertTrue(number(sideEffect("any", "dry_mouth").get("rate")) < 0.05, "dry mouth is rare over all cycles");
    }

    @Test
    void productSharesOfPatientsAreThoseOfTheSpecAndDaxibotulinumtoxinATakesFewerCyclesThanPatients() {
        Map<String, Long> firstProducts = new HashMap<>();
        database.query("""
                select product, count(*) from (
                    select distinct on (patient_id) patient_id, product from visit
                    order by patient_id, visit_date, visit_id collate "C") first_visit
                group by product
                """, rs -> {
            firstProducts.put(rs.getString(1), rs.getLong(2));
        });
        long treated = firstProducts.values().stream().mapToLong(Long::longValue).sum();
        assertBetween(0.98 * OPTIONS.patients(), OPTIONS.patients(), treated, "treated patients");
        int cycles = analysis.read("$.cohort.cycles");
        PRODUCT_SHARES.forEach((product, expected) -> {
            // Four standard errors of a share of this many patients.
            double tolerance = 4 * Math.sqrt(expected * (1 - expected) / treated);
            double patientShare = (double) firstProducts.getOrDefault(product.id(), 0L) / treated;
            assertBetween(expected - tolerance, expected + tolerance, patientShare, "share of patients starting on " + product.id());
            double cycleShare = (double) (int) stratum("time_to_onset", "product", product.id()).get("n") / cycles;
            if (product == Product.DAXIBOTULINUMTOXIN_A) {
                // Sessions every 20-28 weeks instead of 12-16: about 0.6 times the cycles per patient.
                assertBetween(0.4 * expected, 0.8 * expected, cycleShare, "share of cycles of " + product.id());
            } else {
                assertBetween(expected - 0.03, expected + 0.03, cycleShare, "share of cycles of " + product.id());
            }
        });
    }

    @Test
    void theIngestRejectsExactlyTheRowsBrokenOnPurposeWithTheCodesIntendedAndStoresEveryOtherRow() throws IOException {
        ClinicPlan plan = new ClinicPlan(OPTIONS);
        Map<String, Map<Integer, String>> intended = new TreeMap<>();
        for (int index = 0; index < OPTIONS.patients(); index++) {
            RuleBreak ruleBreak = plan.ruleBreak(index);
            if (ruleBreak != null) {
                String file = ruleBreak.inPatients() ? SyntheticClinic.PATIENTS_FILE
                        : ruleBreak.inVisits() ? SyntheticClinic.VISITS_FILE : SyntheticClinic.SYMPTOMS_FILE;
                intended.computeIfAbsent(file, f -> new TreeMap<>()).put(index, ruleBreak.rejectCode());
            }
        }
        assertEquals(generated.ruleBreakingRows(), intended.values().stream().mapToLong(Map::size).sum());

        Map<String, Map<Integer, String>> rejected = new TreeMap<>();
        Map<String, List<String>> lines = new HashMap<>();
        List<String> report = Files.readAllLines(work.resolve("rejects.csv"));
        assertEquals("file,line,column,code,message", report.get(0));
        for (String reject : report.subList(1, report.size())) {
            String[] cells = reject.split(",", 5);
            String file = Path.of(cells[0]).getFileName().toString();
            String row = lines.computeIfAbsent(file, f -> readLines(clinic.resolve(f))).get(Integer.parseInt(cells[1]) - 1);
            String previous = rejected.computeIfAbsent(file, f -> new TreeMap<>()).put(patientIndex(file, row), cells[3]);
            assertNull(previous, "one rejected row per broken patient and file: " + reject);
        }
        assertEquals(intended, rejected);

        Map<String, Long> generatedRows = Map.of(SyntheticClinic.PATIENTS_FILE, generated.patientRows(),
                SyntheticClinic.VISITS_FILE, generated.visitRows(), SyntheticClinic.SYMPTOMS_FILE, generated.symptomRows());
        database.query("select file, rows_read, inserted + updated + unchanged, rejected from ingest_file", rs -> {
            String file = Path.of(rs.getString(1)).getFileName().toString();
            long broken = intended.getOrDefault(file, Map.of()).size();
            assertEquals(generatedRows.get(file), rs.getLong(2), "rows read from " + file);
            assertEquals(broken, rs.getLong(4), "rows rejected from " + file);
            assertEquals(generatedRows.get(file) - broken, rs.getLong(3), "clean rows of " + file + " all stored");
        });
    }

    /** The patient a generated row belongs to: its patient id, or (a symptom row missing it) its record id. */
    private static int patientIndex(String file, String row) {
        String[] cells = row.split(",", -1);
        String patientId = file.equals(SyntheticClinic.PATIENTS_FILE) ? cells[0] : cells[1];
        String number = !patientId.isEmpty() ? patientId.substring("CD-".length()) : cells[0].split("-")[1];
        return Integer.parseInt(number) - 1;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> stratum(String metric, String by, String value) {
        List<Map<String, Object>> rows = analysis.read("$." + metric + "[?(@.by == '" + by + "' && @.value == '" + value + "')]");
        assertEquals(1, rows.size(), metric + " " + by + " " + value);
        return rows.get(0);
    }

    private static Map<String, Object> sideEffect(String group, String term) {
        List<Map<String, Object>> rows = analysis.read("$.side_effects[?(@.muscle_group == '" + group + "' && @.term == '" + term + "')]");
        assertEquals(1, rows.size(), group + " " + term);
        return rows.get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> curve(Map<String, Object> stratum) {
        return (List<Map<String, Object>>) stratum.get("curve");
    }

    /** S(day): the survival of the last curve point on or before the day (1 before the first). */
    private static double survivalAt(List<Map<String, Object>> curve, int day) {
        double survival = 1;
        for (Map<String, Object> point : curve) {
            if ((int) point.get("day") > day) {
                break;
            }
            survival = number(point.get("survival"));
        }
        return survival;
    }

    /** Days to onset among the cycles with onset: the first day the KM cumulative incidence reaches half its plateau. */
    private static int medianDaysToOnsetOfCyclesWithOnset() {
        List<Map<String, Object>> curve = curve(stratum("time_to_onset", "all", "all"));
        double half = (1 - survivalAt(curve, 56)) / 2;
        return curve.stream().filter(point -> 1 - number(point.get("survival")) >= half)
                .mapToInt(point -> (int) point.get("day")).findFirst().orElseThrow();
    }

    private static int lastEventDay(List<Map<String, Object>> curve) {
        return curve.stream().filter(point -> (int) point.get("events") > 0).mapToInt(point -> (int) point.get("day")).max().orElseThrow();
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    private static void assertBetween(double low, double high, double actual, String what) {
        assertTrue(actual >= low && actual <= high, what + ": " + actual + " not in [" + low + ", " + high + "]");
    }
}
