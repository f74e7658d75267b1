package org.cdoutcomes.model.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class PrintableTests {
    @Test
    void ordinaryTextIsLeftAsItIs() {
        String text = "exports\\2025 Q1\\visits – Zürich 北京 🙂.csv";
        assertSame(text, Printable.of(text));
        assertNull(Printable.of(null));
    }

    @Test
    void aLineBreakCannotStartALineOfItsOwn() {
        assertEquals("visits.csv\\n2026-12-07 10:00:00.000 INFO  run - all well.csv",
                Printable.of("visits.csv\n2026-12-07 10:00:00.000 INFO  run - all well.csv"));
        assertEquals("a\\r\\tb", Printable.of("a\r\tb"));
    }

    @Test
    void controlCharactersAndTerminalEscapesAreShownAsCodes() {
        // ESC [2J clears the screen; BEL rings; DEL and the C1 control CSI (U+009B) are controls too
        assertEquals("\\x1B[2J\\x07x\\x7F\\x9B", Printable.of("\u001B[2J\u0007x\u007F\u009B"));
    }

    @Test
    void bidirectionalOverridesAndLineSeparatorsAreShownAsCodes() {
        // "exe.csv" read right to left after U+202E: a name shown other than it is
        assertEquals("visits\\u202Evsc.exe", Printable.of("visits\u202Evsc.exe"));
        assertEquals("\\u2066a\\u2069\\u2028b\\u2029", Printable.of("\u2066a\u2069\u2028b\u2029"));
        // a zero-width joiner in an emoji and a no-break space are not controls
        assertEquals("👩\u200D⚕️\u00A0x", Printable.of("👩\u200D⚕️\u00A0x"));
    }
}
