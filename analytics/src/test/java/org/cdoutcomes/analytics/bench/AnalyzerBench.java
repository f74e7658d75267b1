package org.cdoutcomes.analytics.bench;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.cdoutcomes.analytics.AnalysisOptions;
import org.cdoutcomes.analytics.Analyzer;
import org.cdoutcomes.analytics.Quarter;
import org.cdoutcomes.model.record.InjectedMuscle;
import org.cdoutcomes.model.record.PatientHistory;
import org.cdoutcomes.model.record.SymptomRecord;
import org.cdoutcomes.model.record.Visit;
import org.cdoutcomes.model.vocabulary.AdverseEventTerm;
import org.cdoutcomes.model.vocabulary.Guidance;
import org.cdoutcomes.model.vocabulary.Muscle;
import org.cdoutcomes.model.vocabulary.Product;
import org.cdoutcomes.model.vocabulary.Side;
import org.cdoutcomes.model.vocabulary.SymptomKind;

/**
 * The one-pass analysis over a generated clinic, histories made on the fly as a database cursor would hand them.
 * Reports the pass as a ratio to a baseline that only generates and walks the same histories, in the same run.
 * Run with analytics/bench.sh (-Xmx1g): {@code AnalyzerBench [patients] [rounds]}.
 */
public final class AnalyzerBench {
    private static final LocalDate START = LocalDate.of(2021, 1, 1);
    private static final LocalDate AS_OF = LocalDate.of(2025, 12, 31);

    private AnalyzerBench() {
    }

    public static void main(String[] args) {
        int patients = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        AnalysisOptions options = AnalysisOptions.defaults(AS_OF).withQuarter(Quarter.parse("2025-Q4"));
        for (int round = 1; round <= rounds; round++) {
            long t0 = System.nanoTime();
            long records = 0;
            for (Iterator<PatientHistory> it = clinic(patients); it.hasNext(); ) {
                PatientHistory history = it.next();
                records += history.visits().size() + history.symptoms().size();
            }
            long t1 = System.nanoTime();
            Analyzer analyzer = new Analyzer(options);
            clinic(patients).forEachRemaining(analyzer);
            long t2 = System.nanoTime();
            analyzer.finish();
            String finish = String.format("finish %.0f ms", (System.nanoTime() - t2) / 1e6);
            // Measured while the analyzer's tallies are still reachable: what the pass retains.
            System.gc();
            Runtime runtime = Runtime.getRuntime();
            long retained = runtime.totalMemory() - runtime.freeMemory();
            System.out.printf("round %d: %d patients, %d visits+records; generate-only %.0f ms, generate+analyse %.0f ms "
                            + "(ratio %.2f); %s; heap retained after pass %d MB of max %d MB%n",
                    round, patients, records, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (double) (t2 - t1) / (t1 - t0), finish,
                    retained >> 20, runtime.maxMemory() >> 20);
            analyzer.accept(new PatientHistory("keep-alive", null, List.of(), List.of()));
        }
    }

    /** Seeded, so every round sees the same clinic. */
    static Iterator<PatientHistory> clinic(int patients) {
        SplittableRandom random = new SplittableRandom(1);
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < patients;
            }

            @Override
            public PatientHistory next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return patient(random, next++);
            }
        };
    }

    private static PatientHistory patient(SplittableRandom random, int number) {
        String id = String.format("CD-%06d", number);
        Product product = Product.values()[random.nextInt(Product.values().length)];
        List<Muscle> pattern = new ArrayList<>();
        for (Muscle muscle : Muscle.values()) {
            if (random.nextInt(4) == 0) {
                pattern.add(muscle);
            }
        }
        if (pattern.isEmpty()) {
            pattern.add(Muscle.SPLENIUS_CAPITIS);
        }
        List<Visit> visits = new ArrayList<>();
        List<SymptomRecord> symptoms = new ArrayList<>();
        LocalDate session = START.plusDays(random.nextInt(1700));
        symptoms.add(symptom(id, session.minusDays(7), SymptomKind.SCORE, "twstrs_total", null));
        int k = 0;
        while (!session.isAfter(AS_OF.plusDays(30)) && random.nextInt(20) != 0) {
            String visitId = id + "-V" + k++;
            List<InjectedMuscle> muscles = new ArrayList<>();
            for (Muscle muscle : pattern) {
                muscles.add(new InjectedMuscle(muscle, Side.LEFT, BigDecimal.valueOf(10 + 5 * random.nextInt(19)), Guidance.EMG));
            }
            visits.add(new Visit(visitId, id, session, product, null, muscles));
            if (random.nextInt(10) != 0) {
                symptoms.add(symptom(id, session.plusDays(random.nextInt(14)), SymptomKind.RELIEF_ONSET, null, visitId));
            }
            if (random.nextInt(20) == 0) {
                AdverseEventTerm term = AdverseEventTerm.values()[random.nextInt(AdverseEventTerm.values().length)];
                symptoms.add(symptom(id, session.plusDays(random.nextInt(21)), SymptomKind.ADVERSE_EVENT, term.id(), null));
            }
            symptoms.add(symptom(id, session.plusDays(35), SymptomKind.SCORE, "twstrs_total", null));
            int interval = 84 + random.nextInt(29);
            if (random.nextInt(3) != 0) {
                symptoms.add(symptom(id, session.plusDays(70 + random.nextInt(interval - 69)), SymptomKind.RELIEF_WEAR_OFF, null, null));
            }
            session = session.plusDays(interval);
        }
        symptoms.sort((a, b) -> a.recordedOn().compareTo(b.recordedOn()));
        return new PatientHistory(id, "site-" + random.nextInt(3), visits, symptoms);
    }

    private static SymptomRecord symptom(String id, LocalDate date, SymptomKind kind, String term, String visitId) {
        return new SymptomRecord(null, id, date, kind, term, null, visitId, null);
    }
}
