package org.cdoutcomes.model.vocabulary;

import java.util.Locale;
import java.util.regex.Pattern;

/** The one normalisation rule for codes (input-formats.md): lower-case, trim, each run of spaces, hyphens and underscores becomes one space. */
public final class Codes {
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-_]+");

    private Codes() {
    }

    public static String normalize(String code) {
        if (code == null) {
            return null;
        }
        return SEPARATORS.matcher(code.trim().toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    }
}
