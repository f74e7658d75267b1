package org.cdoutcomes.model.vocabulary;

import java.math.BigDecimal;

/** Score terms and their ranges, wide enough for both published TWSTRS versions. */
public enum ScoreTerm implements Coded {
    TWSTRS_TOTAL("twstrs_total", 0, 87),
    TWSTRS_SEVERITY("twstrs_severity", 0, 35),
    TWSTRS_DISABILITY("twstrs_disability", 0, 32),
    TWSTRS_PAIN("twstrs_pain", 0, 20),
    TSUI("tsui", 0, 25),
    PAIN_NRS("pain_nrs", 0, 10);

    public static final Vocabulary<ScoreTerm> VOCABULARY = Vocabulary.of(ScoreTerm.class);

    private final Code code;
    private final BigDecimal min;
    private final BigDecimal max;

    ScoreTerm(String id, int min, int max) {
        this.code = Code.of(id);
        this.min = BigDecimal.valueOf(min);
        this.max = BigDecimal.valueOf(max);
    }

    @Override
    public Code code() {
        return code;
    }

    public BigDecimal min() {
        return min;
    }

    public BigDecimal max() {
        return max;
    }

    public boolean inRange(BigDecimal value) {
        return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }
}
