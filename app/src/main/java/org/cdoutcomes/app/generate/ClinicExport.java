package org.cdoutcomes.app.generate;

import java.time.LocalDate;
import java.util.List;
import org.cdoutcomes.app.generate.SimulatedPatient.Injection;
import org.cdoutcomes.app.generate.SimulatedPatient.Session;
import org.cdoutcomes.app.generate.SimulatedPatient.Symptom;
import org.cdoutcomes.model.vocabulary.AdverseEventTerm;
import org.cdoutcomes.model.vocabulary.Product;
import org.cdoutcomes.model.vocabulary.Source;
import org.cdoutcomes.model.vocabulary.SymptomKind;

/**
 * Writes simulated patients as the clinic's three export files would have them: codes as staff type
 * them, a few percent of symptom records without record_id, some with the visit_id they refer to (now
 * and then the wrong one), and the rule-breaking rows of {@link RuleBreak}.
 */
final class ClinicExport {
    static final String PATIENTS_HEADER = "patient_id,site_id,sex,birth_year,diagnosis_date,cd_pattern";
    static final String VISITS_HEADER = "visit_id,patient_id,visit_date,product,muscle,side,dose_units,guidance,site_id";
    static final String SYMPTOMS_HEADER = "record_id,patient_id,recorded_on,kind,term,value,visit_id,source";

    private static final double WITHOUT_RECORD_ID = 0.03;
    private static final double WITH_VISIT_ID = 0.25;
    private static final double WRONG_VISIT_ID = 0.02;
    private static final double MAIN_SITE_LEFT_EMPTY = 0.05;

    private static final Weighted<Source> RELIEF_SOURCE = Weighted.<Source>builder()
            .add(Source.PATIENT_DIARY, 0.60).add(Source.PHONE, 0.25).add(Source.CLINICIAN, 0.10).build();
    private static final Weighted<Source> ADVERSE_EVENT_SOURCE = Weighted.<Source>builder()
            .add(Source.CLINICIAN, 0.40).add(Source.PHONE, 0.30).add(Source.PATIENT_DIARY, 0.25).add(Source.OTHER, 0.02).build();
    private static final Weighted<Source> PAIN_SOURCE = Weighted.<Source>builder()
            .add(Source.CLINICIAN, 0.65).add(Source.PATIENT_DIARY, 0.30).build();

    /** The rows of a block of patients, one buffer per file. */
    static final class Rows {
        final CsvBuffer patients = new CsvBuffer(1 << 16);
        final CsvBuffer visits = new CsvBuffer(1 << 18);
        final CsvBuffer symptoms = new CsvBuffer(1 << 18);
        long ruleBreakingRows;
    }

    private final ClinicPlan plan;

    ClinicExport(ClinicPlan plan) {
        this.plan = plan;
    }

    void write(SimulatedPatient patient, Draw draw, Rows rows) {
        ClinicTypist typist = new ClinicTypist(draw);
        RuleBreak ruleBreak = plan.ruleBreak(patient.index());
        String patientId = patient.patientId();

        patientRow(patient, typist, draw, rows.patients);
        if (ruleBreak != null && ruleBreak.inPatients()) {
            rows.patients.cell(patientId).cell(patient.siteId()).cell(null).cell(1890).cell(null).cell(null).endRow();
        }

        List<Session> sessions = patient.sessions();
        for (Session session : sessions) {
            String product = typist.product(session.product());
            String guidance = session.guidance() == null ? null : typist.guidance(session.guidance());
            for (Injection injection : session.injections()) {
                rows.visits.cell(session.visitId()).cell(patientId).dateCell(session.day()).cell(product)
                        .cell(typist.muscle(injection.muscle())).cell(typist.side(injection.side()))
                        .cell(injection.doseUnits()).cell(guidance).cell(session.siteId()).endRow();
            }
        }
        if (ruleBreak != null && ruleBreak.inVisits()) {
            brokenVisitRow(ruleBreak, patient, rows.visits);
        }

        List<Symptom> symptoms = patient.symptoms();
        String recordPrefix = "R-" + patient.number() + "-";
        int sequence = 0;
        for (Symptom symptom : symptoms) {
            sequence++;
            if (draw.chance(WITHOUT_RECORD_ID)) {
                rows.symptoms.cell(null);
            } else {
                rows.symptoms.idCell(recordPrefix, sequence, 4);
            }
            rows.symptoms.cell(patientId).dateCell(symptom.day()).cell(typist.kind(symptom.kind()));
            if (symptom.kind() == SymptomKind.ADVERSE_EVENT) {
                rows.symptoms.cell(typist.adverseEvent(AdverseEventTerm.VOCABULARY.byId(symptom.term())));
            } else {
                rows.symptoms.cell(symptom.term());
            }
            if (symptom.value() == Symptom.NO_VALUE) {
                rows.symptoms.cell(null);
            } else {
                rows.symptoms.cell(symptom.value());
            }
            rows.symptoms.cell(visitReference(symptom, sessions, draw));
            Source source = source(symptom, draw);
            rows.symptoms.cell(source == null ? null : typist.source(source)).endRow();
        }
        if (ruleBreak != null && !ruleBreak.inVisits() && !ruleBreak.inPatients()) {
            brokenSymptomRow(ruleBreak, patient, recordPrefix + PatientSimulation.pad(sequence + 1, 4), rows.symptoms);
        }
        if (ruleBreak != null) {
            rows.ruleBreakingRows++;
        }
    }

    private void patientRow(SimulatedPatient patient, ClinicTypist typist, Draw draw, CsvBuffer out) {
        boolean siteLeftEmpty = patient.siteId().equals("main") && draw.chance(MAIN_SITE_LEFT_EMPTY);
        out.cell(patient.patientId()).cell(siteLeftEmpty ? null : patient.siteId())
                .cell(patient.sex() == null ? null : typist.sex(patient.sex()));
        if (patient.birthYear() == null) {
            out.cell(null);
        } else {
            out.cell(patient.birthYear());
        }
        LocalDate diagnosis = patient.diagnosisDate();
        if (diagnosis == null) {
            out.cell(null);
        } else {
            out.dateCell((int) diagnosis.toEpochDay());
        }
        out.cell(patient.cdPattern() == null ? null : typist.cdPattern(patient.cdPattern())).endRow();
    }

    /** Most records stand alone; some name the visit they refer to, a few of those the previous one by mistake. */
    private static String visitReference(Symptom symptom, List<Session> sessions, Draw draw) {
        if (symptom.session() < 0 || !draw.chance(WITH_VISIT_ID)) {
            return null;
        }
        int session = symptom.session() > 0 && draw.chance(WRONG_VISIT_ID) ? symptom.session() - 1 : symptom.session();
        return sessions.get(session).visitId();
    }

    private static Source source(Symptom symptom, Draw draw) {
        double u = draw.uniform();
        return switch (symptom.kind()) {
            case RELIEF_ONSET, RELIEF_WEAR_OFF -> u < 0.95 ? RELIEF_SOURCE.pick(draw) : null;
            case ADVERSE_EVENT -> u < 0.97 ? ADVERSE_EVENT_SOURCE.pick(draw) : null;
            case SCORE -> symptom.term().equals("pain_nrs") ? (u < 0.95 ? PAIN_SOURCE.pick(draw) : null)
                    : (u < 0.95 ? Source.CLINICIAN : null);
        };
    }

    /** An extra row of the patient's last visit (or, for a patient never injected, of a visit of its own). */
    private void brokenVisitRow(RuleBreak ruleBreak, SimulatedPatient patient, CsvBuffer out) {
        List<Session> sessions = patient.sessions();
        Session last = sessions.isEmpty() ? null : sessions.get(sessions.size() - 1);
        String visitId = last != null ? last.visitId() : "V-" + patient.number() + "-001";
        int day = last != null ? last.day() : plan.to();
        Product product = last != null ? last.product() : Product.ONABOTULINUMTOXIN_A;
        out.cell(visitId).cell(patient.patientId());
        if (ruleBreak == RuleBreak.BAD_VISIT_DATE) {
            LocalDate date = LocalDate.ofEpochDay(day);
            out.cell(PatientSimulation.pad(date.getDayOfMonth(), 2) + "/" + PatientSimulation.pad(date.getMonthValue(), 2)
                    + "/" + date.getYear());
        } else {
            out.dateCell(day);
        }
        out.cell(ruleBreak == RuleBreak.UNKNOWN_PRODUCT ? "Vistabel" : product.id())
                .cell(ruleBreak == RuleBreak.UNKNOWN_MUSCLE ? "deltoid" : "levator_scapulae")
                .cell(ruleBreak == RuleBreak.UNKNOWN_SIDE ? "both" : "right");
        switch (ruleBreak) {
            case NEGATIVE_DOSE -> out.cell(-40);
            case MISSING_DOSE -> out.cell(null);
            default -> out.cell(ClinicFacts.dosing(product).rowMin());
        }
        out.cell(null).cell(last != null ? last.siteId() : null).endRow();
    }

    private void brokenSymptomRow(RuleBreak ruleBreak, SimulatedPatient patient, String recordId, CsvBuffer out) {
        List<Session> sessions = patient.sessions();
        int day = sessions.isEmpty() ? plan.to() : Math.min(plan.to(), sessions.get(sessions.size() - 1).day() + 7);
        out.cell(recordId).cell(ruleBreak == RuleBreak.MISSING_PATIENT_ID ? null : patient.patientId());
        if (ruleBreak == RuleBreak.NONEXISTENT_DATE) {
            out.cell(LocalDate.ofEpochDay(day).getYear() + "-02-30");
        } else {
            out.dateCell(day);
        }
        switch (ruleBreak) {
            case SCORE_OUT_OF_RANGE -> out.cell("score").cell("twstrs_total").cell(95);
            case UNKNOWN_TERM -> out.cell("adverse_event").cell("nausea").cell(null);
            case MISSING_KIND -> out.cell(null).cell("headache").cell(null);
            case BAD_NUMBER -> out.cell("score").cell("pain_nrs").cell("7/10");
            case GRADE_OUT_OF_RANGE -> out.cell("adverse_event").cell("headache").cell(4);
            default -> out.cell("relief_onset").cell(null).cell(null);
        }
        out.cell(null).cell("clinician").endRow();
    }
}
