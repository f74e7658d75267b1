package org.cdoutcomes.model.text;

import java.util.Locale;

/** A count and its noun, singular for one: "1 event", "12 events". */
public final class Counted {
    private Counted() {
    }

    /** {@code noun} in the singular; its plural adds an s. */
    public static String of(long count, String noun) {
        return of(count, noun, noun + "s");
    }

    public static String of(long count, String singular, String plural) {
        return String.format(Locale.ROOT, "%d %s", count, count == 1 ? singular : plural);
    }

    /** With the thousands grouped, for counts that run into millions: "1,204,311 rows". */
    public static String grouped(long count, String noun) {
        return String.format(Locale.ROOT, "%,d %s", count, count == 1 ? noun : noun + "s");
    }
}
