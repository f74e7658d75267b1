package org.cdoutcomes.analytics.cohort;

import java.util.Comparator;
import java.util.List;
import org.cdoutcomes.model.vocabulary.CodePointOrder;

/** A Kaplan-Meier stratum, ordered as the JSON lists them: {@code all}, then muscle groups, then products, each by value. */
public record Stratum(String by, String value) implements Comparable<Stratum> {
    public static final String ALL = "all";
    public static final String MUSCLE_GROUP = "muscle_group";
    public static final String PRODUCT = "product";
    private static final List<String> BY_ORDER = List.of(ALL, MUSCLE_GROUP, PRODUCT);
    public static final Stratum EVERY_CYCLE = new Stratum(ALL, ALL);
    private static final Comparator<Stratum> ORDER = Comparator.comparingInt((Stratum s) -> BY_ORDER.indexOf(s.by))
            .thenComparing(Stratum::value, CodePointOrder.COMPARATOR);

    public Stratum {
        if (!BY_ORDER.contains(by)) {
            throw new IllegalArgumentException("no stratum by " + by);
        }
    }

    public static Stratum product(String productId) {
        return new Stratum(PRODUCT, productId);
    }

    public static Stratum muscleGroup(String group) {
        return new Stratum(MUSCLE_GROUP, group);
    }

    @Override
    public int compareTo(Stratum other) {
        return ORDER.compare(this, other);
    }
}
