package org.cdoutcomes.analytics.cohort;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.cdoutcomes.model.vocabulary.CodePointOrder;
import org.cdoutcomes.analytics.cycle.Observation;
import org.cdoutcomes.analytics.cycle.PatientCycles;
import org.cdoutcomes.analytics.cycle.TreatmentCycle;
import org.cdoutcomes.analytics.report.DosingRow;
import org.cdoutcomes.analytics.report.QuarterFigures;
import org.cdoutcomes.analytics.report.QuarterFigures.ProductCount;
import org.cdoutcomes.analytics.report.ReliefShare;
import org.cdoutcomes.analytics.result.KaplanMeierSummary;
import org.cdoutcomes.analytics.result.LogRankComparison;
import org.cdoutcomes.analytics.stats.KaplanMeier;
import org.cdoutcomes.analytics.stats.LogRank;
import org.cdoutcomes.analytics.stats.SurvivalCounts;
import org.cdoutcomes.model.record.InjectedMuscle;
import org.cdoutcomes.model.vocabulary.MuscleGroups;

/**
 * Sufficient statistics of one period's cohort, fed one patient at a time: survival counts per stratum, 2x2 side-effect
 * counts, counters and histograms. Nothing here grows with the number of patients or records, only with distinct
 * days, doses and strata, so several periods can be tallied in the same pass.
 */
public final class PeriodTally {
    public static final String TIME_TO_ONSET = "time_to_onset";
    public static final String DURATION_OF_RELIEF = "duration_of_relief";
    /** Days after onset at which the report gives the share still in relief: 8, 12 and 16 weeks. */
    private static final int[] RELIEF_SHARE_DAYS = {56, 84, 112};
    private static final int TOP_SIDE_EFFECTS = 3;

    private final LocalDate from;
    private final LocalDate to;
    private final Set<String> sites;
    private final boolean firstCycleOnly;
    private final MuscleGroups muscleGroups;

    private int patients;
    private int newPatients;
    private int cycles;
    // Hash maps while tallying (the pass's hot path); sorted once when the figures are read.
    private final Map<String, Integer> cyclesPerProduct = new HashMap<>();
    private final ValueHistogram daysBetweenInjections = new ValueHistogram();
    private final Map<Stratum, SurvivalCounts> onset = new HashMap<>();
    private final Map<Stratum, SurvivalCounts> duration = new HashMap<>();
    private final SideEffectTally sideEffects = new SideEffectTally();
    private final Map<String, Map<String, DoseTally>> dosing = new HashMap<>();

    /** Units per injection of one product into one muscle, and the cycles that injected it. */
    private static final class DoseTally {
        int cycles;
        final ValueHistogram units = new ValueHistogram();
    }

    /** {@code from}/{@code to} inclusive, null when open; empty {@code sites} keeps every site. */
    public PeriodTally(LocalDate from, LocalDate to, Set<String> sites, boolean firstCycleOnly, MuscleGroups muscleGroups) {
        this.from = from;
        this.to = to;
        this.sites = Set.copyOf(sites);
        this.firstCycleOnly = firstCycleOnly;
        this.muscleGroups = muscleGroups;
    }

    public void add(PatientCycles patient) {
        List<TreatmentCycle> kept = cohortCycles(patient.cycles());
        if (kept.isEmpty()) {
            return;
        }
        patients++;
        if (kept.get(0).index() == 0) {
            newPatients++;
        }
        for (TreatmentCycle cycle : kept) {
            add(cycle);
        }
    }

    /** The patient's cycles this period analyses: by injection date and site, then the earliest if first-cycle-only. */
    List<TreatmentCycle> cohortCycles(List<TreatmentCycle> all) {
        List<TreatmentCycle> kept = new ArrayList<>();
        for (TreatmentCycle cycle : all) {
            if ((from == null || !cycle.start().isBefore(from)) && (to == null || !cycle.start().isAfter(to))
                    && (sites.isEmpty() || sites.contains(cycle.siteId()))) {
                kept.add(cycle);
                if (firstCycleOnly) {
                    break;
                }
            }
        }
        return kept;
    }

    private void add(TreatmentCycle cycle) {
        cycles++;
        String product = cycle.product().id();
        cyclesPerProduct.merge(product, 1, Integer::sum);
        if (cycle.closed()) {
            daysBetweenInjections.add(ChronoUnit.DAYS.between(cycle.start(), cycle.end()));
        }
        Set<String> groups = cycle.muscleGroups(muscleGroups);
        List<Stratum> strata = new ArrayList<>(groups.size() + 2);
        strata.add(Stratum.EVERY_CYCLE);
        strata.add(Stratum.product(product));
        groups.forEach(group -> strata.add(Stratum.muscleGroup(group)));
        record(onset, strata, cycle.timeToOnset());
        Observation relief = cycle.durationOfRelief();
        if (relief != null) {
            record(duration, strata, relief);
        }
        if (cycle.countedForSideEffects()) {
            sideEffects.add(groups, cycle.sideEffectTerms());
        }
        Map<String, DoseTally> byMuscle = dosing.computeIfAbsent(product, p -> new HashMap<>());
        Set<String> musclesOfCycle = new HashSet<>();
        for (InjectedMuscle injected : cycle.muscles()) {
            String muscle = injected.muscle().id();
            DoseTally tally = byMuscle.computeIfAbsent(muscle, m -> new DoseTally());
            tally.units.add(injected.doseUnits().doubleValue());
            if (musclesOfCycle.add(muscle)) {
                tally.cycles++;
            }
        }
    }

    private static void record(Map<Stratum, SurvivalCounts> metric, List<Stratum> strata, Observation observation) {
        for (Stratum stratum : strata) {
            SurvivalCounts counts = metric.computeIfAbsent(stratum, s -> new SurvivalCounts());
            if (observation.event()) {
                counts.addEvent(observation.days());
            } else {
                counts.addCensored(observation.days());
            }
        }
    }

    public int patients() {
        return patients;
    }

    public int cycles() {
        return cycles;
    }

    /** Survival counts of time to onset per stratum, in output order (read-only use). */
    public SortedMap<Stratum, SurvivalCounts> onsetCounts() {
        return new TreeMap<>(onset);
    }

    /** Survival counts of duration of relief per stratum, in output order (read-only use). */
    public SortedMap<Stratum, SurvivalCounts> durationCounts() {
        return new TreeMap<>(duration);
    }

    /** d(s_k, s_{k+1}) of the period's closed cycles. */
    ValueHistogram daysBetweenInjections() {
        return daysBetweenInjections;
    }

    public SideEffectTally sideEffects() {
        return sideEffects;
    }

    public static List<KaplanMeierSummary> summaries(Map<Stratum, SurvivalCounts> metric) {
        List<KaplanMeierSummary> summaries = new ArrayList<>(metric.size());
        metric.forEach((stratum, counts) -> summaries.add(KaplanMeier.summarize(stratum.by(), stratum.value(), counts)));
        return summaries;
    }

    /** Log-rank tests across products, time to onset first; a metric is listed when two or more products have cycles in it. */
    public List<LogRankComparison> comparisons() {
        List<LogRankComparison> comparisons = new ArrayList<>(2);
        addComparison(comparisons, TIME_TO_ONSET, onsetCounts());
        addComparison(comparisons, DURATION_OF_RELIEF, durationCounts());
        return comparisons;
    }

    private static void addComparison(List<LogRankComparison> comparisons, String metric, Map<Stratum, SurvivalCounts> counts) {
        List<String> products = new ArrayList<>();
        List<SurvivalCounts> groups = new ArrayList<>();
        counts.forEach((stratum, c) -> {
            if (stratum.by().equals(Stratum.PRODUCT)) {
                products.add(stratum.value());
                groups.add(c);
            }
        });
        if (products.size() >= 2) {
            LogRank.Result test = LogRank.test(groups);
            comparisons.add(new LogRankComparison(metric, Stratum.PRODUCT, products, test.chiSquare(), test.df(), test.pValue()));
        }
    }

    /** Share still in relief 8, 12 and 16 weeks after onset, per duration stratum. */
    public static List<ReliefShare> reliefShares(List<KaplanMeierSummary> durationSummaries) {
        return durationSummaries.stream().map(summary -> {
            Double[] shares = new Double[RELIEF_SHARE_DAYS.length];
            for (int i = 0; i < shares.length; i++) {
                shares[i] = KaplanMeier.survivalAt(summary, RELIEF_SHARE_DAYS[i]);
            }
            return new ReliefShare(summary.by(), summary.value(), shares[0], shares[1], shares[2]);
        }).toList();
    }

    /** Units per injection by product, then muscle. */
    public List<DosingRow> dosing() {
        List<DosingRow> rows = new ArrayList<>();
        sorted(dosing).forEach((product, byMuscle) -> sorted(byMuscle).forEach((muscle, tally) -> {
            double[] q = tally.units.quantiles(0.5, 0.25, 0.75);
            rows.add(new DosingRow(product, muscle, tally.cycles, q[0], q[1], q[2]));
        }));
        return rows;
    }

    /** The period's summary figures; {@code label} names it in the report. */
    public QuarterFigures figures(String label) {
        List<ProductCount> perProduct = new ArrayList<>();
        sorted(cyclesPerProduct).forEach((product, count) -> perProduct.add(new ProductCount(product, count)));
        double[] medianDays = daysBetweenInjections.quantiles(0.5);
        KaplanMeierSummary onsetAll = summaryOfAll(onset);
        KaplanMeierSummary durationAll = summaryOfAll(duration);
        return new QuarterFigures(label, from, to, patients, newPatients, cycles, perProduct,
                medianDays == null ? null : medianDays[0], daysBetweenInjections.size(),
                medianOf(onsetAll), eventsOf(onsetAll), medianOf(durationAll), eventsOf(durationAll),
                sideEffects.mostFrequent(TOP_SIDE_EFFECTS));
    }

    private static <V> SortedMap<String, V> sorted(Map<String, V> byId) {
        SortedMap<String, V> sorted = new TreeMap<>(CodePointOrder.COMPARATOR);
        sorted.putAll(byId);
        return sorted;
    }

    private static KaplanMeierSummary summaryOfAll(Map<Stratum, SurvivalCounts> metric) {
        SurvivalCounts counts = metric.get(Stratum.EVERY_CYCLE);
        return counts == null ? null : KaplanMeier.summarize(Stratum.ALL, Stratum.ALL, counts);
    }

    private static Double medianOf(KaplanMeierSummary summary) {
        return summary == null ? null : summary.median();
    }

    private static int eventsOf(KaplanMeierSummary summary) {
        return summary == null ? 0 : summary.events();
    }
}
