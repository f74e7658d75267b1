package org.cdoutcomes.ingest.store;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;

/** Writes rows to a COPY ... FROM STDIN in PostgreSQL's text format, buffered. */
final class CopyStream {
    private static final int FLUSH_AT = 1 << 16;

    private final CopyIn copy;
    private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 4096);

    CopyStream(CopyIn copy) {
        this.copy = copy;
    }

    /** Appends a row made of leading values then a block of text values. */
    void row(Object[] head, String[] tail) throws SQLException {
        for (int i = 0; i < head.length; i++) {
            if (i > 0) {
                buffer.append('\t');
            }
            append(head[i]);
        }
        for (String value : tail) {
            buffer.append('\t');
            append(value);
        }
        buffer.append('\n');
        if (buffer.length() >= FLUSH_AT) {
            flush();
        }
    }

    private void append(Object value) {
        if (value == null) {
            buffer.append("\\N");
            return;
        }
        String text = value.toString();
        int first = firstSpecial(text);
        if (first == text.length()) {
            buffer.append(text);
            return;
        }
        buffer.append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> buffer.append("\\\\");
                case '\t' -> buffer.append("\\t");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                default -> buffer.append(c);
            }
        }
    }

    /** Where the first character that COPY's text format escapes is, or the length when there is none (the usual case). */
    private static int firstSpecial(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return i;
            }
        }
        return text.length();
    }

    private void flush() throws SQLException {
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buffer.setLength(0);
    }

    long end() throws SQLException {
        flush();
        return copy.endCopy();
    }

    void cancel() {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the savepoint rollback that follows discards whatever the server received
        }
    }

    static CopyStream open(org.postgresql.copy.CopyManager api, String sql) throws SQLException {
        return new CopyStream(api.copyIn(sql));
    }

}
