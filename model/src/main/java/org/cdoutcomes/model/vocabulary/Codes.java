package org.cdoutcomes.model.vocabulary;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one normalisation rule for codes (input-formats.md): lower-case, trim, each run of spaces, hyphens and underscores
 * becomes one space; and the one trimming rule for every cell and header name. A space is any Unicode space or
 * whitespace, the no-break space of spreadsheet exports included (String.strip keeps it).
 */
public final class Codes {
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\p{Zs}\\-_]+", Pattern.UNICODE_CHARACTER_CLASS);

    private Codes() {
    }

    public static String normalize(String code) {
        if (code == null) {
            return null;
        }
        return SEPARATORS.matcher(strip(code).toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    /** The text without the spaces at either end. */
    public static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == text.length() ? text : text.substring(start, end);
    }

    /** Whether the text is empty or spaces only. */
    public static boolean isBlank(String text) {
        return strip(text).isEmpty();
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
