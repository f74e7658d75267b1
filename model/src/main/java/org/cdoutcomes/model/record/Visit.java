package org.cdoutcomes.model.record;

import java.time.LocalDate;
import java.util.List;
import org.cdoutcomes.model.vocabulary.Product;

/** An injection visit with its dose chart. {@code siteId} null means not given. */
public record Visit(String visitId, String patientId, LocalDate visitDate, Product product, String siteId, List<InjectedMuscle> muscles) {
    public Visit {
        muscles = List.copyOf(muscles);
    }
}
