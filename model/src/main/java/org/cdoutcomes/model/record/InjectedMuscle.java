package org.cdoutcomes.model.record;

import java.math.BigDecimal;
import org.cdoutcomes.model.vocabulary.Guidance;
import org.cdoutcomes.model.vocabulary.Muscle;
import org.cdoutcomes.model.vocabulary.Side;

/** One line of a dose chart: units in the visit's product's own units; for bilateral, both sides together. Guidance may be null. */
public record InjectedMuscle(Muscle muscle, Side side, BigDecimal doseUnits, Guidance guidance) {
}
