package org.cdoutcomes.analytics.cohort;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
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
import org.cdoutcomes.model.record.Visit;
import org.cdoutcomes.model.vocabulary.Coded;
import org.cdoutcomes.model.vocabulary.Muscle;
import org.cdoutcomes.model.vocabulary.MuscleGroups;
import org.cdoutcomes.model.vocabulary.Product;

/**
 * Sufficient statistics of one period's cohort, fed one patient at a time: survival counts per stratum, 2x2 side-effect
 * counts, counters and histograms. Nothing here grows with the number of patients or records, only with the days'
 * span, distinct doses and strata, so several periods can be tallied in the same pass.
 */
public final class PeriodTally {
    public static final String TIME_TO_ONSET = "time_to_onset";
    public static final String DURATION_OF_RELIEF = "duration_of_relief";
    /** Days after onset at which the report gives the share still in relief: 8, 12 and 16 weeks. */
    private static final int[] RELIEF_SHARE_DAYS = {56, 84, 112};
    private static final Product[] PRODUCTS = Product.values();
    private static final Muscle[] MUSCLES = Muscle.values();
    private static final List<Product> PRODUCTS_BY_ID = byId(PRODUCTS);
    private static final List<Muscle> MUSCLES_BY_ID = byId(MUSCLES);
    private static final int EVERY_CYCLE_SLOT = 0;
    private static final int FIRST_PRODUCT_SLOT = 1;

    private final LocalDate from;
    private final LocalDate to;
    private final Set<String> sites;
    private final boolean firstCycleOnly;

    private int patients;
    private int newPatients;
    private int cycles;
    // Arrays by product, muscle and stratum while tallying (the pass's hot path); sorted once when the figures are read.
    private final int[] cyclesPerProduct = new int[PRODUCTS.length];
    /** The sites of the tallied cycles. */
    private final SortedSet<String> cycleSites = new TreeSet<>(CodePointOrder.COMPARATOR);
    private final ValueHistogram daysBetweenInjections = new ValueHistogram();
    /** Stratum slots: every cycle, then each product by ordinal, then each muscle group; made once, not per cycle. */
    private final Stratum[] strata;
    /** The slot of each muscle's group, by muscle ordinal. */
    private final int[] groupSlotOfMuscle = new int[MUSCLES.length];
    /** Per slot, the number of the cycle that last took it: a cycle counts once in a group however many muscles it has there. */
    private final int[] slotTakenByCycle;
    /** The slots and group names of the cycle being added, reused from cycle to cycle. */
    private final int[] cycleSlots;
    private final List<String> cycleGroups = new ArrayList<>();
    private final SurvivalCounts[] onset;
    private final SurvivalCounts[] duration;
    private final SideEffectTally sideEffects = new SideEffectTally();
    /** By product ordinal, then muscle ordinal; null until injected. */
    private final DoseTally[][] dosing = new DoseTally[PRODUCTS.length][MUSCLES.length];

    /** The units each cycle gave one muscle of one product, one value per cycle. */
    private static final class DoseTally {
        int cycles;
        final ValueHistogram units = new ValueHistogram();
    }

    /**
     * The cycle being added: units by product ordinal, then muscle ordinal, all sides and injection points together, so
     * that a bilateral row and its left and right rows give the same dose; null where it gave none.
     */
    private final BigDecimal[][] cycleUnits = new BigDecimal[PRODUCTS.length][MUSCLES.length];

    /** {@code from}/{@code to} inclusive, null when open; empty {@code sites} keeps every site. */
    public PeriodTally(LocalDate from, LocalDate to, Set<String> sites, boolean firstCycleOnly, MuscleGroups muscleGroups) {
        this.from = from;
        this.to = to;
        this.sites = Set.copyOf(sites);
        this.firstCycleOnly = firstCycleOnly;
        List<Stratum> slots = new ArrayList<>();
        slots.add(Stratum.EVERY_CYCLE);
        for (Product product : PRODUCTS) {
            slots.add(Stratum.product(product.id()));
        }
        Map<String, Integer> groupSlots = new HashMap<>();
        for (Muscle muscle : MUSCLES) {
            String group = muscleGroups.groupOf(muscle);
            Integer slot = groupSlots.get(group);
            if (slot == null) {
                slot = slots.size();
                groupSlots.put(group, slot);
                slots.add(Stratum.muscleGroup(group));
            }
            groupSlotOfMuscle[muscle.ordinal()] = slot;
        }
        strata = slots.toArray(Stratum[]::new);
        slotTakenByCycle = new int[strata.length];
        cycleSlots = new int[strata.length];
        onset = new SurvivalCounts[strata.length];
        duration = new SurvivalCounts[strata.length];
    }

    public void add(PatientCycles patient) {
        List<TreatmentCycle> kept = cohortCycles(patient.cycles());
        if (kept.isEmpty()) {
            return;
        }
        patients++;
        // new: the first injection ever falls in the period, at any site (report.md), not only at the sites kept; it
        // is no later than the first cycle kept, so it is within the period unless before its start
        if (from == null || !patient.cycles().get(0).start().isBefore(from)) {
            newPatients++;
        }
        for (TreatmentCycle cycle : kept) {
            add(cycle);
        }
    }

    /** The patient's cycles this period analyses: by injection date and site, then the earliest if first-cycle-only. */
    List<TreatmentCycle> cohortCycles(List<TreatmentCycle> all) {
        // Cycles come in start order: a patient treated only before or after the period is passed over at once
        // (each trend quarter sees every patient), and the look stops at the first cycle after the period.
        if (all.isEmpty() || (from != null && all.get(all.size() - 1).start().isBefore(from))
                || (to != null && all.get(0).start().isAfter(to))) {
            return List.of();
        }
        List<TreatmentCycle> kept = new ArrayList<>();
        for (TreatmentCycle cycle : all) {
            if (to != null && cycle.start().isAfter(to)) {
                break;
            }
            if ((from == null || !cycle.start().isBefore(from)) && (sites.isEmpty() || sites.contains(cycle.siteId()))) {
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
        int product = cycle.product().ordinal();
        cyclesPerProduct[product]++;
        cycleSites.add(cycle.siteId());
        if (cycle.closed()) {
            daysBetweenInjections.add(ChronoUnit.DAYS.between(cycle.start(), cycle.end()));
        }
        int slots = 0;
        cycleSlots[slots++] = EVERY_CYCLE_SLOT;
        cycleSlots[slots++] = FIRST_PRODUCT_SLOT + product;
        cycleGroups.clear();
        for (Visit visit : cycle.visits()) {
            // A session of two visits on one day may inject two products: each dose stays with its own product's units.
            for (InjectedMuscle injected : visit.muscles()) {
                int muscle = injected.muscle().ordinal();
                int groupSlot = groupSlotOfMuscle[muscle];
                if (slotTakenByCycle[groupSlot] != cycles) {
                    slotTakenByCycle[groupSlot] = cycles;
                    cycleSlots[slots++] = groupSlot;
                    cycleGroups.add(strata[groupSlot].value());
                }
                BigDecimal[] units = cycleUnits[visit.product().ordinal()];
                units[muscle] = units[muscle] == null ? injected.doseUnits() : units[muscle].add(injected.doseUnits());
            }
        }
        tallyCycleUnits(cycle.visits());
        record(onset, slots, cycle.timeToOnset());
        Observation relief = cycle.durationOfRelief();
        if (relief != null) {
            record(duration, slots, relief);
        }
        if (cycle.countedForSideEffects()) {
            sideEffects.add(cycleGroups, cycle.sideEffectTerms());
        }
    }

    /** Tallies each product and muscle of the cycle once, with the units summed in cycleUnits, and clears them. */
    private void tallyCycleUnits(List<Visit> visits) {
        for (Visit visit : visits) {
            BigDecimal[] units = cycleUnits[visit.product().ordinal()];
            DoseTally[] byMuscle = dosing[visit.product().ordinal()];
            for (InjectedMuscle injected : visit.muscles()) {
                int muscle = injected.muscle().ordinal();
                if (units[muscle] == null) {
                    continue; // tallied already, from an earlier row of the cycle
                }
                if (byMuscle[muscle] == null) {
                    byMuscle[muscle] = new DoseTally();
                }
                byMuscle[muscle].units.add(units[muscle].doubleValue());
                byMuscle[muscle].cycles++;
                units[muscle] = null;
            }
        }
    }

    /** Adds the observation to the strata in the first {@code slots} of cycleSlots. */
    private void record(SurvivalCounts[] metric, int slots, Observation observation) {
        for (int i = 0; i < slots; i++) {
            SurvivalCounts counts = metric[cycleSlots[i]];
            if (counts == null) {
                counts = metric[cycleSlots[i]] = new SurvivalCounts();
            }
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
        return byStratum(onset);
    }

    /** Survival counts of duration of relief per stratum, in output order (read-only use). */
    public SortedMap<Stratum, SurvivalCounts> durationCounts() {
        return byStratum(duration);
    }

    /** The strata with observations. */
    private SortedMap<Stratum, SurvivalCounts> byStratum(SurvivalCounts[] metric) {
        SortedMap<Stratum, SurvivalCounts> byStratum = new TreeMap<>();
        for (int slot = 0; slot < metric.length; slot++) {
            if (metric[slot] != null) {
                byStratum.put(strata[slot], metric[slot]);
            }
        }
        return byStratum;
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
        for (Product product : PRODUCTS_BY_ID) {
            for (Muscle muscle : MUSCLES_BY_ID) {
                DoseTally tally = dosing[product.ordinal()][muscle.ordinal()];
                if (tally != null) {
                    double[] q = tally.units.quantiles(0.5, 0.25, 0.75);
                    rows.add(new DosingRow(product.id(), muscle.id(), tally.cycles, q[0], q[1], q[2]));
                }
            }
        }
        return rows;
    }

    /** The period's summary figures; {@code label} names it in the report. */
    public QuarterFigures figures(String label) {
        List<ProductCount> perProduct = new ArrayList<>();
        for (Product product : PRODUCTS_BY_ID) {
            if (cyclesPerProduct[product.ordinal()] > 0) {
                perProduct.add(new ProductCount(product.id(), cyclesPerProduct[product.ordinal()]));
            }
        }
        double[] medianDays = daysBetweenInjections.quantiles(0.5);
        KaplanMeierSummary onsetAll = summaryOfAll(onset[EVERY_CYCLE_SLOT]);
        KaplanMeierSummary durationAll = summaryOfAll(duration[EVERY_CYCLE_SLOT]);
        return new QuarterFigures(label, from, to, patients, newPatients, cycles, perProduct,
                medianDays == null ? null : medianDays[0], daysBetweenInjections.size(),
                medianOf(onsetAll), eventsOf(onsetAll), medianOf(durationAll), eventsOf(durationAll),
                sideEffects.mostFrequent(QuarterFigures.TOP_SIDE_EFFECTS), List.copyOf(cycleSites));
    }

    private static <T extends Coded> List<T> byId(T[] values) {
        return Arrays.stream(values).sorted(Comparator.comparing(Coded::id, CodePointOrder.COMPARATOR)).toList();
    }

    private static KaplanMeierSummary summaryOfAll(SurvivalCounts counts) {
        return counts == null ? null : KaplanMeier.summarize(Stratum.ALL, Stratum.ALL, counts);
    }

    private static Double medianOf(KaplanMeierSummary summary) {
        return summary == null ? null : summary.median();
    }

    private static int eventsOf(KaplanMeierSummary summary) {
        return summary == null ? 0 : summary.events();
    }
}
