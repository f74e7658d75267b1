package org.cdoutcomes.app.generate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cdoutcomes.app.generate.GeneratedExport.Row;
import org.cdoutcomes.model.vocabulary.AdverseEventTerm;
import org.cdoutcomes.model.vocabulary.Muscle;
import org.cdoutcomes.model.vocabulary.Product;
import org.cdoutcomes.model.vocabulary.ScoreTerm;
import org.cdoutcomes.model.vocabulary.Side;
import org.cdoutcomes.model.vocabulary.SymptomKind;

/**
 * The valid rows of a generated export as patients' histories, with treatment cycles as analytics.md
 * defines them: a session is a patient's visits of one date; a closed cycle runs from one session to the
 * next, and a wear-off dated on the next session's day belongs to it.
 */
final class ClinicHistory {
    record Injection(Muscle muscle, Side side, double dose) {
    }

    record Session(LocalDate date, Product product, List<Injection> injections) {
        boolean injects(Muscle muscle) {
            return injections.stream().anyMatch(injection -> injection.muscle() == muscle);
        }

        double total() {
            return injections.stream().mapToDouble(Injection::dose).sum();
        }
    }

    record Symptom(LocalDate date, SymptomKind kind, String term, BigDecimal value) {
    }

    record Cycle(Session session, LocalDate end, List<Symptom> symptoms) {
        int days(LocalDate date) {
            return (int) ChronoUnit.DAYS.between(session.date(), date);
        }

        LocalDate onset() {
            return symptoms.stream().filter(s -> s.kind() == SymptomKind.RELIEF_ONSET).map(Symptom::date)
                    .min(LocalDate::compareTo).orElse(null);
        }

        LocalDate wearOffAfter(LocalDate onset) {
            return symptoms.stream().filter(s -> s.kind() == SymptomKind.RELIEF_WEAR_OFF && !s.date().isBefore(onset))
                    .map(Symptom::date).min(LocalDate::compareTo).orElse(null);
        }

        /** An adverse event of the term within the default 28-day risk window (and before the next session). */
        boolean hasSideEffect(AdverseEventTerm term) {
            return symptoms.stream().anyMatch(s -> s.kind() == SymptomKind.ADVERSE_EVENT && s.term().equals(term.id())
                    && days(s.date()) <= 28 && s.date().isBefore(end));
        }
    }

    record Patient(String id, Map<String, String> row, List<Session> sessions, List<Symptom> symptoms, List<Cycle> closedCycles) {
    }

    final Map<String, Patient> patients = new LinkedHashMap<>();

    ClinicHistory(GeneratedExport export) {
        Map<String, TreeMap<LocalDate, List<Row>>> visitsByPatient = new HashMap<>();
        for (Row row : export.visits) {
            if (row.valid()) {
                visitsByPatient.computeIfAbsent(row.get("patient_id"), id -> new TreeMap<>())
                        .computeIfAbsent(LocalDate.parse(row.get("visit_date")), date -> new ArrayList<>()).add(row);
            }
        }
        Map<String, List<Symptom>> symptomsByPatient = new HashMap<>();
        for (Row row : export.symptoms) {
            if (row.valid()) {
                SymptomKind kind = SymptomKind.VOCABULARY.find(row.get("kind")).orElseThrow();
                String term = switch (kind) {
                    case ADVERSE_EVENT -> AdverseEventTerm.VOCABULARY.find(row.get("term")).orElseThrow().id();
                    case SCORE -> ScoreTerm.VOCABULARY.find(row.get("term")).orElseThrow().id();
                    default -> null;
                };
                BigDecimal value = row.get("value") == null ? null : new BigDecimal(row.get("value"));
                symptomsByPatient.computeIfAbsent(row.get("patient_id"), id -> new ArrayList<>())
                        .add(new Symptom(LocalDate.parse(row.get("recorded_on")), kind, term, value));
            }
        }
        for (Row row : export.patients) {
            if (!row.valid()) {
                continue;
            }
            String id = row.get("patient_id");
            List<Session> sessions = new ArrayList<>();
            visitsByPatient.getOrDefault(id, new TreeMap<>()).forEach((date, rows) -> sessions.add(new Session(date,
                    Product.VOCABULARY.find(rows.get(0).get("product")).orElseThrow(),
                    rows.stream().map(r -> new Injection(Muscle.VOCABULARY.find(r.get("muscle")).orElseThrow(),
                            Side.VOCABULARY.find(r.get("side")).orElseThrow(), Double.parseDouble(r.get("dose_units")))).toList())));
            List<Symptom> symptoms = symptomsByPatient.getOrDefault(id, List.of());
            List<Cycle> cycles = new ArrayList<>();
            for (int k = 0; k + 1 < sessions.size(); k++) {
                LocalDate start = sessions.get(k).date();
                LocalDate end = sessions.get(k + 1).date();
                cycles.add(new Cycle(sessions.get(k), end, symptoms.stream().filter(s -> !s.date().isBefore(start)
                        && (s.date().isBefore(end) || s.date().equals(end) && s.kind() == SymptomKind.RELIEF_WEAR_OFF)).toList()));
            }
            patients.put(id, new Patient(id, row.cells(), sessions, symptoms, cycles));
        }
    }

    List<Cycle> closedCycles() {
        return patients.values().stream().flatMap(patient -> patient.closedCycles().stream()).toList();
    }
}
