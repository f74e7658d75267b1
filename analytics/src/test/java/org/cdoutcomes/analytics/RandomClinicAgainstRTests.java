package org.cdoutcomes.analytics;

import static org.cdoutcomes.analytics.Histories.d;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.cdoutcomes.model.record.InjectedMuscle;
import org.cdoutcomes.model.record.PatientHistory;
import org.cdoutcomes.model.record.SymptomRecord;
import org.cdoutcomes.model.record.Visit;
import org.cdoutcomes.model.vocabulary.Muscle;
import org.cdoutcomes.model.vocabulary.Product;
import org.cdoutcomes.model.vocabulary.Side;
import org.cdoutcomes.model.vocabulary.SymptomKind;
import org.junit.jupiter.api.Test;

/**
 * A generated clinic full of awkward cases, against an independent implementation in R of the cycle rules and the
 * statistics (src/test/R/random-clinic.R, which wrote the CSVs and the expected figures).
 */
class RandomClinicAgainstRTests {
    private static final Path FOLDER = Path.of("src/test/R/random-clinic");
    private static final AnalysisOptions DEFAULTS = AnalysisOptions.defaults(d("2025-12-31"));

    @Test
    void everyCycleUpToTheCutoff() throws IOException {
        FlatFigures.assertMatch(FOLDER.resolve("all-cycles.expected"), analyse(DEFAULTS));
    }

    @Test
    void firstCyclesAtOneSiteInAPeriod() throws IOException {
        AnalysisOptions options = DEFAULTS.withPeriod(d("2025-01-01"), d("2025-09-30")).withSites(Set.of("south"))
                .withFirstCycleOnly(true);

        FlatFigures.assertMatch(FOLDER.resolve("south-2025-first-cycle.expected"), analyse(options));
    }

    private static Analysis analyse(AnalysisOptions options) throws IOException {
        Iterator<PatientHistory> histories = histories().iterator();
        return Analyzer.analyze(histories, options);
    }

    /** The CSVs as the database hands them: one history per patient, in patient id order. */
    private static List<PatientHistory> histories() throws IOException {
        Map<String, String> sites = new TreeMap<>();
        for (String[] row : rows("patients.csv")) {
            sites.put(row[0], row[1].isEmpty() ? null : row[1]);
        }
        Map<String, Map<String, List<String[]>>> visitRows = new TreeMap<>();
        for (String[] row : rows("visits.csv")) {
            visitRows.computeIfAbsent(row[0], p -> new LinkedHashMap<>()).computeIfAbsent(row[1], v -> new ArrayList<>()).add(row);
        }
        Map<String, List<SymptomRecord>> symptoms = new TreeMap<>();
        for (String[] row : rows("symptoms.csv")) {
            symptoms.computeIfAbsent(row[0], p -> new ArrayList<>()).add(new SymptomRecord(null, row[0], d(row[1]),
                    SymptomKind.VOCABULARY.byId(row[2]), row[3].isEmpty() ? null : row[3], null,
                    row[4].isEmpty() ? null : row[4], null));
        }
        Set<String> patients = new TreeSet<>(sites.keySet());
        patients.addAll(visitRows.keySet());
        patients.addAll(symptoms.keySet());
        List<PatientHistory> histories = new ArrayList<>();
        for (String patient : patients) {
            List<Visit> visits = new ArrayList<>();
            visitRows.getOrDefault(patient, Map.of()).forEach((visitId, chart) -> {
                String[] first = chart.get(0);
                List<InjectedMuscle> muscles = chart.stream().map(row -> new InjectedMuscle(Muscle.VOCABULARY.byId(row[5]),
                        Side.LEFT, new BigDecimal(row[6]), null)).toList();
                visits.add(new Visit(visitId, patient, d(first[2]), Product.VOCABULARY.byId(first[3]),
                        first[4].isEmpty() ? null : first[4], muscles));
            });
            histories.add(new PatientHistory(patient, sites.get(patient), visits, symptoms.getOrDefault(patient, List.of())));
        }
        return histories;
    }

    /** Rows after the header; R wrote them unquoted, and no value holds a comma. */
    private static List<String[]> rows(String file) throws IOException {
        List<String> lines = Files.readAllLines(FOLDER.resolve(file));
        return lines.subList(1, lines.size()).stream().map(line -> line.split(",", -1)).toList();
    }
}
