package org.cdoutcomes.analytics.cohort;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cdoutcomes.analytics.report.QuarterFigures.TermCount;
import org.cdoutcomes.analytics.result.SideEffectRow;
import org.cdoutcomes.analytics.stats.Interval;
import org.cdoutcomes.analytics.stats.Proportions;
import org.cdoutcomes.model.vocabulary.CodePointOrder;
import org.cdoutcomes.model.vocabulary.MuscleGroups;

/**
 * The 2x2 tables of analytics.md "Side effects per muscle group", kept as counts: counted cycles, cycles with each
 * term, cycles exposed to each group, and exposed cycles with each term. Unexposed counts follow by subtraction.
 */
public final class SideEffectTally {
    /** The pseudo group (every counted cycle) and pseudo term (any term). */
    public static final String ANY = MuscleGroups.ANY;

    private int counted;
    private final Map<String, Integer> withTerm = new HashMap<>();
    private final Map<String, Exposure> exposed = new HashMap<>();

    /** One group's exposed cycles and, per term, those of them with it; one lookup per group and cycle. */
    private static final class Exposure {
        int cycles;
        final Map<String, Integer> withTerm = new HashMap<>();
    }

    /** A 2x2 table: a of n1 exposed cycles with the term, b of n0 unexposed. */
    public record Table(int a, int n1, int b, int n0) {
    }

    /** One counted cycle: the distinct groups it is exposed to and the terms in its risk window. */
    public void add(Collection<String> groups, Set<String> terms) {
        counted++;
        for (String group : groups) {
            exposed.computeIfAbsent(group, g -> new Exposure()).cycles++;
        }
        if (terms.isEmpty()) {
            return;
        }
        count(withTerm, terms);
        for (String group : groups) {
            count(exposed.get(group).withTerm, terms);
        }
    }

    /** The cycle in each of its terms and in {@code any}. */
    private static void count(Map<String, Integer> cyclesWithTerm, Set<String> terms) {
        for (String term : terms) {
            cyclesWithTerm.merge(term, 1, Integer::sum);
        }
        cyclesWithTerm.merge(ANY, 1, Integer::sum);
    }

    public int counted() {
        return counted;
    }

    /** Groups with a row: {@code any}, then each group exposed in a counted cycle, in string order; none without counted cycles. */
    public List<String> groups() {
        return counted == 0 ? List.of() : anyFirst(exposed.keySet());
    }

    /** Terms with a row: {@code any}, then each term with an event, in string order; none without counted cycles. */
    public List<String> terms() {
        return counted == 0 ? List.of() : anyFirst(withTerm.keySet());
    }

    /** The table of a group (or {@code any}: every counted cycle exposed, n0 = 0) and a term (or {@code any}). */
    public Table table(String group, String term) {
        int total = withTerm.getOrDefault(term, 0);
        if (ANY.equals(group)) {
            return new Table(total, counted, 0, 0);
        }
        Exposure exposure = exposed.get(group);
        int n1 = exposure == null ? 0 : exposure.cycles;
        int a = exposure == null ? 0 : exposure.withTerm.getOrDefault(term, 0);
        return new Table(a, n1, total - a, counted - n1);
    }

    public List<SideEffectRow> rows() {
        List<SideEffectRow> rows = new ArrayList<>();
        List<String> terms = terms();
        for (String group : groups()) {
            for (String term : terms) {
                rows.add(row(group, term, table(group, term)));
            }
        }
        return rows;
    }

    /**
     * Terms by counted cycles with them, most frequent first (ties in string order): the first {@code limit}, and
     * after them every term as frequent as the last of those (cutting a tie would rank equals by their names).
     */
    public List<TermCount> mostFrequent(int limit) {
        List<TermCount> ranked = withTerm.entrySet().stream()
                .filter(entry -> !ANY.equals(entry.getKey()))
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry::getKey, CodePointOrder.COMPARATOR))
                .map(entry -> new TermCount(entry.getKey(), entry.getValue(), counted))
                .toList();
        int kept = Math.min(limit, ranked.size());
        while (kept > 0 && kept < ranked.size() && ranked.get(kept).cyclesWithEvent() == ranked.get(kept - 1).cyclesWithEvent()) {
            kept++;
        }
        return ranked.subList(0, kept);
    }

    private static SideEffectRow row(String group, String term, Table t) {
        Interval rate = Proportions.wilson(t.a(), t.n1());
        if (t.n0() == 0) {
            Integer unexposed = ANY.equals(group) ? null : 0;
            return new SideEffectRow(group, term, t.n1(), t.a(), rate.estimate(), rate.lower(), rate.upper(),
                    unexposed, unexposed, null, null, null, null);
        }
        Interval rr = Proportions.relativeRisk(t.a(), t.n1(), t.b(), t.n0());
        double p = Proportions.fisherTwoSided(t.a(), t.n1(), t.b(), t.n0());
        return new SideEffectRow(group, term, t.n1(), t.a(), rate.estimate(), rate.lower(), rate.upper(),
                t.n0(), t.b(), rr.estimate(), rr.lower(), rr.upper(), p);
    }

    private static List<String> anyFirst(Set<String> values) {
        List<String> ordered = new ArrayList<>();
        ordered.add(ANY);
        values.stream().filter(v -> !ANY.equals(v)).sorted(CodePointOrder.COMPARATOR).forEach(ordered::add);
        return ordered;
    }
}
