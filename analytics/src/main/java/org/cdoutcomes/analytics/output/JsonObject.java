package org.cdoutcomes.analytics.output;

import java.util.List;

/** Writes one JSON object's members in the order given, on one line. */
final class JsonObject {
    private final StringBuilder out = new StringBuilder("{");

    JsonObject string(String name, String value) {
        return raw(name, value == null ? "null" : quote(value));
    }

    JsonObject integer(String name, Number value) {
        return raw(name, value == null ? "null" : Long.toString(value.longValue()));
    }

    /** Unrounded: {@link Double#toString} gives the shortest text that reads back as the same double. */
    JsonObject number(String name, Double value) {
        return raw(name, value == null || !Double.isFinite(value) ? "null" : Double.toString(value));
    }

    JsonObject strings(String name, List<String> values) {
        StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            array.append(i == 0 ? "" : ", ").append(quote(values.get(i)));
        }
        return raw(name, array.append(']').toString());
    }

    /** A member whose value is already JSON text. */
    JsonObject raw(String name, String json) {
        if (out.length() > 1) {
            out.append(", ");
        }
        out.append(quote(name)).append(": ").append(json);
        return this;
    }

    String end() {
        return out.append('}').toString();
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
