package org.cdoutcomes.analytics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The CSV files that src/test/R's scripts wrote with R (see the README there), and comparisons with them. */
final class RReference {
    /** Far below the spec's acceptance tolerance of 1e-6: the Java must agree with R to rounding. */
    static final double TOLERANCE = 1e-9;

    private static final Path FOLDER = Path.of("src", "test", "R");

    private RReference() {
    }

    /** One CSV row: column name to cell text. */
    record Row(Map<String, String> cells) {
        String text(String column) {
            String cell = cells.get(column);
            if (cell == null) {
                throw new IllegalArgumentException("no column " + column + " in " + cells.keySet());
            }
            return cell;
        }

        /** R's NA as null. */
        Double number(String column) {
            String cell = text(column);
            return cell.equals("NA") ? null : Double.valueOf(cell);
        }

        Integer integer(String column) {
            String cell = text(column);
            return cell.equals("NA") ? null : Integer.valueOf(cell);
        }
    }

    static List<Row> read(String file) {
        try {
            List<String> lines = Files.readAllLines(FOLDER.resolve(file));
            String[] header = lines.get(0).split(",", -1);
            List<Row> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], cells[i]);
                }
                rows.add(new Row(row));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("R reference file " + file + " (run from the analytics module)", e);
        }
    }

    static List<Row> read(String file, String keyColumn, String key) {
        return read(file).stream().filter(row -> row.text(keyColumn).equals(key)).toList();
    }

    static List<String> distinct(String file, String keyColumn) {
        return read(file).stream().map(row -> row.text(keyColumn)).distinct().toList();
    }

    /** Equal within TOLERANCE, relative for magnitudes above 1; both null when R gave NA. */
    static void assertClose(Double expected, Double actual, String what) {
        if (expected == null) {
            assertNull(actual, what + ": R gives NA");
            return;
        }
        assertNotNull(actual, what + ": R gives " + expected);
        assertEquals(expected, actual, TOLERANCE * Math.max(1.0, Math.abs(expected)), what);
    }

    /** For p-values that reach far into the tail: relative agreement, to the precision of R's own pchisq. */
    static void assertRelativelyClose(double expected, double actual, double relative, String what) {
        assertEquals(expected, actual, relative * Math.abs(expected), what);
    }
}
