package org.cdoutcomes.model.vocabulary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every code and alias below is typed from input-formats.md, not derived from the enums. */
class VocabularyTests {

    @ParameterizedTest
    @CsvSource({
            "onabotulinumtoxinA, onabotulinumtoxinA", "Botox, onabotulinumtoxinA", "onaBoNT-A, onabotulinumtoxinA",
            "abobotulinumtoxinA, abobotulinumtoxinA", "Dysport, abobotulinumtoxinA", "aboBoNT-A, abobotulinumtoxinA",
            "incobotulinumtoxinA, incobotulinumtoxinA", "Xeomin, incobotulinumtoxinA", "incoBoNT-A, incobotulinumtoxinA",
            "rimabotulinumtoxinB, rimabotulinumtoxinB", "Myobloc, rimabotulinumtoxinB", "NeuroBloc, rimabotulinumtoxinB",
            "rimaBoNT-B, rimabotulinumtoxinB",
            "daxibotulinumtoxinA, daxibotulinumtoxinA", "Daxxify, daxibotulinumtoxinA", "daxiBoNT-A, daxibotulinumtoxinA",
            "'  BOTOX ', onabotulinumtoxinA", "ONABONT_A, onabotulinumtoxinA"})
    void productsAndAliases(String typed, String id) {
        assertEquals(id, Product.VOCABULARY.find(typed).orElseThrow().id());
    }

    @Test
    void productWarningThresholds() {
        Map<String, String> expected = Map.of("onabotulinumtoxinA", "400", "abobotulinumtoxinA", "1500",
                "incobotulinumtoxinA", "400", "rimabotulinumtoxinB", "15000", "daxibotulinumtoxinA", "500");
        for (Product p : Product.values()) {
            assertEquals(0, new BigDecimal(expected.get(p.id())).compareTo(p.usualMaxVisitUnits()), p.id());
        }
        assertEquals(expected.size(), Product.values().length);
    }

    @ParameterizedTest
    @CsvSource({
            "sternocleidomastoid, sternocleidomastoid, sternocleidomastoid", "SCM, sternocleidomastoid, sternocleidomastoid",
            "sternomastoid, sternocleidomastoid, sternocleidomastoid",
            "splenius_capitis, splenius_capitis, splenius_capitis", "splenius, splenius_capitis, splenius_capitis",
            "SPC, splenius_capitis, splenius_capitis",
            "splenius_cervicis, splenius_cervicis, splenius_cervicis",
            "levator_scapulae, levator_scapulae, levator_scapulae", "levator, levator_scapulae, levator_scapulae",
            "LS, levator_scapulae, levator_scapulae",
            "trapezius, trapezius, trapezius", "upper trapezius, trapezius, trapezius", "trap, trapezius, trapezius",
            "Upper-Trapezius, trapezius, trapezius",
            "scalenus_anterior, scalenus_anterior, scalenes", "anterior scalene, scalenus_anterior, scalenes",
            "scalenus_medius, scalenus_medius, scalenes", "middle scalene, scalenus_medius, scalenes",
            "scalenus_posterior, scalenus_posterior, scalenes", "posterior scalene, scalenus_posterior, scalenes",
            "semispinalis_capitis, semispinalis_capitis, semispinalis_capitis",
            "semispinalis_cervicis, semispinalis_cervicis, semispinalis_cervicis",
            "longissimus_capitis, longissimus_capitis, longissimus_capitis",
            "obliquus_capitis_inferior, obliquus_capitis_inferior, obliquus_capitis_inferior",
            "OCI, obliquus_capitis_inferior, obliquus_capitis_inferior",
            "longus_colli, longus_colli, longus_colli", "Longus  Colli, longus_colli, longus_colli"})
    void musclesAliasesAndGroups(String typed, String id, String group) {
        Muscle muscle = Muscle.VOCABULARY.find(typed).orElseThrow();
        assertEquals(id, muscle.id());
        assertEquals(group, MuscleGroups.defaults().groupOf(muscle));
    }

    @Test
    void groupOverrideTakesAliases() {
        MuscleGroups groups = MuscleGroups.withOverrides(Map.of("SCM", "anterior_neck"));
        assertEquals("anterior_neck", groups.groupOf(Muscle.STERNOCLEIDOMASTOID));
        assertEquals("trapezius", groups.groupOf(Muscle.TRAPEZIUS));
    }

    /**
     * 'any' names the side-effect rows over all cycles: a group of that name lost its own rows to them, and one named
     * ANY stood beside them.
     */
    @Test
    void noGroupMayTakeTheNameOfTheRowsOverAllCycles() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> MuscleGroups.withOverrides(Map.of("trapezius", " any ")));
        assertEquals("muscle group override for 'trapezius' names the group 'any', which reads as 'any', the name of the rows "
                + "over all cycles; name the group otherwise", refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MuscleGroups.withOverrides(Map.of("trapezius", "ANY")));
        assertThrows(IllegalArgumentException.class, () -> MuscleGroups.withOverrides(Map.of("trapezius", " - ")));
    }

    /** Group names are matched as codes are: one group, however its name is typed, and a default group's name joins it. */
    @Test
    void groupNamesAreReadAsCodesAndWrittenWithUnderscores() {
        MuscleGroups groups = MuscleGroups.withOverrides(Map.of("trapezius", "Shoulder", "levator", " shoulder ",
                "scalenus_anterior", "Upper-Neck", "scalenus_medius", "upper  neck", "splenius_cervicis", "Splenius Capitis"));
        assertEquals("shoulder", groups.groupOf(Muscle.TRAPEZIUS));
        assertEquals("shoulder", groups.groupOf(Muscle.LEVATOR_SCAPULAE));
        assertEquals("upper_neck", groups.groupOf(Muscle.SCALENUS_ANTERIOR));
        assertEquals("upper_neck", groups.groupOf(Muscle.SCALENUS_MEDIUS));
        assertEquals("splenius_capitis", groups.groupOf(Muscle.SPLENIUS_CERVICIS));
    }

    @ParameterizedTest
    @CsvSource({"left, left", "L, left", "right, right", "R, right", "bilateral, bilateral", "B, bilateral", "l, left"})
    void sides(String typed, String id) {
        assertEquals(id, Side.VOCABULARY.find(typed).orElseThrow().id());
    }

    @ParameterizedTest
    @CsvSource({"F, F", "f, F", "M, M", "X, X", "unknown, unknown", "UNKNOWN, unknown"})
    void sexes(String typed, String id) {
        assertEquals(id, Sex.VOCABULARY.find(typed).orElseThrow().id());
    }

    @Test
    void smallVocabularies() {
        assertIds(Guidance.VOCABULARY, "emg", "ultrasound", "anatomic", "unknown");
        assertIds(CdPattern.VOCABULARY, "torticollis", "laterocollis", "anterocollis", "retrocollis", "torticaput",
                "laterocaput", "anterocaput", "retrocaput", "shift", "mixed");
        assertIds(Source.VOCABULARY, "patient_diary", "clinician", "phone", "other");
        assertIds(SymptomKind.VOCABULARY, "relief_onset", "relief_wear_off", "adverse_event", "score");
        assertIds(AdverseEventTerm.VOCABULARY, "dysphagia", "neck_weakness", "injection_site_pain", "dry_mouth",
                "dysphonia", "flu_like_symptoms", "headache", "fatigue", "musculoskeletal_pain", "other");
        assertIds(ScoreTerm.VOCABULARY, "twstrs_total", "twstrs_severity", "twstrs_disability", "twstrs_pain", "tsui", "pain_nrs");
        assertEquals(Set.of("left", "right", "bilateral"), ids(Side.VOCABULARY));
        assertEquals(5, Product.values().length);
        assertEquals(13, Muscle.values().length);
    }

    @ParameterizedTest
    @CsvSource({"swallowing difficulty, dysphagia", "Swallowing-Difficulty, dysphagia", "neck muscle weakness, neck_weakness",
            "hoarseness, dysphonia", "Neck Weakness, neck_weakness", "flu-like symptoms, flu_like_symptoms"})
    void adverseEventAliases(String typed, String id) {
        assertEquals(id, AdverseEventTerm.VOCABULARY.find(typed).orElseThrow().id());
    }

    @ParameterizedTest
    @CsvSource({"twstrs_total, 0, 87", "twstrs_severity, 0, 35", "twstrs_disability, 0, 32", "twstrs_pain, 0, 20",
            "tsui, 0, 25", "pain_nrs, 0, 10"})
    void scoreRanges(String id, int min, int max) {
        ScoreTerm term = ScoreTerm.VOCABULARY.find(id).orElseThrow();
        assertTrue(term.inRange(BigDecimal.valueOf(min)));
        assertTrue(term.inRange(BigDecimal.valueOf(max)));
        assertTrue(!term.inRange(BigDecimal.valueOf(max).add(new BigDecimal("0.01"))));
        assertTrue(!term.inRange(BigDecimal.valueOf(min).subtract(new BigDecimal("0.01"))));
    }

    @ParameterizedTest
    @CsvSource({"'Upper-Trapezius', 'upper trapezius'", "'  a__b--c  d ', 'a b c d'", "'X', 'x'", "'-scm-', 'scm'"})
    void normalisation(String typed, String normalised) {
        assertEquals(normalised, Codes.normalize(typed));
    }

    /** Spreadsheet exports pad with no-break spaces (U+00A0, U+202F): they are spaces like any other. */
    @Test
    void noBreakSpacesAreSpaces() {
        assertEquals("upper trapezius", Codes.normalize("\u00a0Upper\u00a0Trapezius\u202f"));
        assertEquals(Muscle.TRAPEZIUS, Muscle.VOCABULARY.find("upper\u00a0trapezius").orElseThrow());
        assertEquals("P 1", Codes.strip("\u00a0 P 1\t\u2007"));
        assertEquals("P1", Codes.strip("P1"));
        assertTrue(Codes.isBlank("\u00a0 \t"));
        assertTrue(!Codes.isBlank("\u00a0x"));
    }

    @Test
    void unknownCodesAreNotFound() {
        assertTrue(Product.VOCABULARY.find("botulinum").isEmpty());
        assertTrue(Muscle.VOCABULARY.find("deltoid").isEmpty());
        assertTrue(Side.VOCABULARY.find("").isEmpty());
    }

    private static <E extends Enum<E> & Coded> void assertIds(Vocabulary<E> vocabulary, String... ids) {
        assertEquals(Set.of(ids), ids(vocabulary));
        for (String id : ids) {
            assertEquals(id, vocabulary.find(id).orElseThrow().id());
        }
    }

    private static <E extends Enum<E> & Coded> Set<String> ids(Vocabulary<E> vocabulary) {
        return vocabulary.entries().stream().map(Coded::id).collect(Collectors.toSet());
    }
}
