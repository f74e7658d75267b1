package org.cdoutcomes.model.text;

/**
 * Text from outside cdo (a file name dropped in an inbox, a server's message) made safe to print on one line of a
 * terminal or a log: a line break in a file name would forge a log line of its own, an escape sequence would steer the
 * terminal, and a right-to-left override would show the name's end reversed. Such characters are shown as escapes:
 * a line break as backslash-n, ESC as backslash-x1B, U+202E as backslash-u202E, much as {@code ls -b} shows them.
 * Everything else is left as it is, backslashes too (unlike {@code ls -b}), so that Windows paths read as they are: a
 * name holding a backslash and an n then looks like one holding a line break, the lesser harm.
 */
public final class Printable {
    private Printable() {
    }

    public static String of(String text) {
        if (text == null || text.codePoints().noneMatch(Printable::unsafe)) {
            return text;
        }
        StringBuilder shown = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(c -> {
            if (!unsafe(c)) {
                shown.appendCodePoint(c);
            } else if (c == '\n') {
                shown.append("\\n");
            } else if (c == '\r') {
                shown.append("\\r");
            } else if (c == '\t') {
                shown.append("\\t");
            } else if (c <= 0xFF) {
                shown.append(String.format("\\x%02X", c));
            } else {
                shown.append(String.format("\\u%04X", c));
            }
        });
        return shown.toString();
    }

    /** Control characters (C0, DEL, C1), line and paragraph separators, and the bidirectional embeddings, overrides and isolates. */
    private static boolean unsafe(int c) {
        return Character.isISOControl(c) || c == 0x2028 || c == 0x2029
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }
}
