package org.cdoutcomes.model.vocabulary;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Field limits of input-formats.md that are not vocabularies. */
public final class Limits {
    public static final int ID_MAX_LENGTH = 64;
    public static final String DEFAULT_SITE = "main";
    public static final int BIRTH_YEAR_MIN = 1900;
    public static final BigDecimal GRADE_MIN = BigDecimal.ONE;
    public static final BigDecimal GRADE_MAX = BigDecimal.valueOf(3);

    private Limits() {
    }

    /**
     * An id is 1-64 characters after trimming. Characters are code points, as PostgreSQL's {@code length()} in the
     * tables' checks counts them: an emoji is one character but two UTF-16 units. A string of at most 64 units
     * cannot hold more code points, so only longer ones are counted.
     */
    public static boolean validId(String trimmedId) {
        return trimmedId != null && !trimmedId.isEmpty() && (trimmedId.length() <= ID_MAX_LENGTH
                || trimmedId.codePointCount(0, trimmedId.length()) <= ID_MAX_LENGTH);
    }

    public static boolean validBirthYear(int year, LocalDate today) {
        return year >= BIRTH_YEAR_MIN && year <= today.getYear();
    }

    public static boolean validGrade(BigDecimal grade) {
        return grade.compareTo(GRADE_MIN) >= 0 && grade.compareTo(GRADE_MAX) <= 0;
    }
}
