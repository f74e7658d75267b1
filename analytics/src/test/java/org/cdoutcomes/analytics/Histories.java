package org.cdoutcomes.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.cdoutcomes.model.record.InjectedMuscle;
import org.cdoutcomes.model.record.PatientHistory;
import org.cdoutcomes.model.record.SymptomRecord;
import org.cdoutcomes.model.record.Visit;
import org.cdoutcomes.model.vocabulary.Guidance;
import org.cdoutcomes.model.vocabulary.Muscle;
import org.cdoutcomes.model.vocabulary.Product;
import org.cdoutcomes.model.vocabulary.Side;
import org.cdoutcomes.model.vocabulary.SymptomKind;

/** Terse builders for hand-typed patient histories in tests. Every patient is "P"; analytics never use the id. */
public final class Histories {
    public static final Product BOTOX = Product.ONABOTULINUMTOXIN_A;
    public static final Product DYSPORT = Product.ABOBOTULINUMTOXIN_A;
    public static final Product XEOMIN = Product.INCOBOTULINUMTOXIN_A;

    private Histories() {
    }

    public static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    public static PatientHistory patient(String siteId, List<Visit> visits, SymptomRecord... symptoms) {
        return new PatientHistory("P", siteId, visits, Arrays.asList(symptoms));
    }

    public static List<Visit> visits(Visit... visits) {
        return List.of(visits);
    }

    /** A visit injecting each muscle with 100 units. */
    public static Visit visit(String visitId, String date, Product product, String siteId, Muscle... muscles) {
        return new Visit(visitId, "P", d(date), product, siteId,
                Arrays.stream(muscles).map(m -> dose(m, "100")).toList());
    }

    public static Visit visitWithDoses(String visitId, String date, Product product, InjectedMuscle... muscles) {
        return new Visit(visitId, "P", d(date), product, null, List.of(muscles));
    }

    public static InjectedMuscle dose(Muscle muscle, String units) {
        return new InjectedMuscle(muscle, Side.LEFT, new BigDecimal(units), Guidance.EMG);
    }

    public static SymptomRecord onset(String date) {
        return record(date, SymptomKind.RELIEF_ONSET, null, null);
    }

    public static SymptomRecord wearOff(String date) {
        return record(date, SymptomKind.RELIEF_WEAR_OFF, null, null);
    }

    public static SymptomRecord adverse(String date, String term) {
        return record(date, SymptomKind.ADVERSE_EVENT, term, null);
    }

    public static SymptomRecord score(String date) {
        return new SymptomRecord(null, "P", d(date), SymptomKind.SCORE, "twstrs_total", new BigDecimal("40"), null, null);
    }

    public static SymptomRecord record(String date, SymptomKind kind, String term, String visitId) {
        return new SymptomRecord(null, "P", d(date), kind, term, null, visitId, null);
    }
}
