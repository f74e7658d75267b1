package org.cdoutcomes.app.generate;

import java.util.ArrayList;
import java.util.List;

/** A fixed set of choices with relative weights. */
final class Weighted<T> {
    private final List<T> items;
    private final double[] cumulative;

    private Weighted(List<T> items, double[] cumulative) {
        this.items = items;
        this.cumulative = cumulative;
    }

    static <T> Builder<T> builder() {
        return new Builder<>();
    }

    T pick(Draw draw) {
        double u = draw.uniform() * cumulative[cumulative.length - 1];
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (u < cumulative[i]) {
                return items.get(i);
            }
        }
        return items.get(items.size() - 1);
    }

    /** Picks among the choices other than {@code excluded}, keeping their relative weights. */
    T pickOtherThan(T excluded, Draw draw) {
        double excludedWeight = 0;
        double previous = 0;
        for (int i = 0; i < cumulative.length; i++) {
            if (items.get(i).equals(excluded)) {
                excludedWeight = cumulative[i] - previous;
            }
            previous = cumulative[i];
        }
        double u = draw.uniform() * (cumulative[cumulative.length - 1] - excludedWeight);
        previous = 0;
        T last = null;
        for (int i = 0; i < cumulative.length; i++) {
            double weight = cumulative[i] - previous;
            previous = cumulative[i];
            if (items.get(i).equals(excluded)) {
                continue;
            }
            last = items.get(i);
            if (u < weight) {
                return last;
            }
            u -= weight;
        }
        return last;
    }

    static final class Builder<T> {
        private final List<T> items = new ArrayList<>();
        private final List<Double> weights = new ArrayList<>();

        Builder<T> add(T item, double weight) {
            items.add(item);
            weights.add(weight);
            return this;
        }

        Weighted<T> build() {
            double[] cumulative = new double[weights.size()];
            double sum = 0;
            for (int i = 0; i < cumulative.length; i++) {
                sum += weights.get(i);
                cumulative[i] = sum;
            }
            return new Weighted<>(List.copyOf(items), cumulative);
        }
    }
}
