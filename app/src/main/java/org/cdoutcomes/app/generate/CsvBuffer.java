package org.cdoutcomes.app.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;

/**
 * Rows of one CSV file, built as ASCII bytes (every generated value is ASCII and needs no quoting):
 * no String.format or per-cell encoding on the hot path.
 */
final class CsvBuffer {
    private byte[] bytes;
    private int length;
    private boolean lineStart = true;
    private long rows;

    CsvBuffer(int capacity) {
        bytes = new byte[capacity];
    }

    /** Starts the next cell of the current row. */
    CsvBuffer cell(String value) {
        separate();
        if (value != null) {
            int n = value.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                bytes[length++] = (byte) value.charAt(i);
            }
        }
        return this;
    }

    CsvBuffer cell(long value) {
        separate();
        ensure(20);
        if (value < 0) {
            bytes[length++] = '-';
            value = -value;
        }
        int start = length;
        do {
            bytes[length++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        for (int i = start, j = length - 1; i < j; i++, j--) {
            byte swap = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = swap;
        }
        return this;
    }

    /** A prefix and a zero-padded number, such as {@code R-004711-0012}: the hot path of record ids. */
    CsvBuffer idCell(String prefix, int number, int width) {
        cell(prefix);
        int digits = number < 10 ? 1 : number < 100 ? 2 : number < 1000 ? 3 : Integer.toString(number).length();
        ensure(Math.max(width, digits));
        for (int i = digits; i < width; i++) {
            bytes[length++] = '0';
        }
        int end = length + digits;
        for (int i = end - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + number % 10);
            number /= 10;
        }
        length = end;
        return this;
    }

    /** An ISO date (years 1000-9999). */
    CsvBuffer dateCell(int epochDay) {
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        separate();
        ensure(10);
        int year = date.getYear();
        bytes[length++] = (byte) ('0' + year / 1000);
        bytes[length++] = (byte) ('0' + year / 100 % 10);
        bytes[length++] = (byte) ('0' + year / 10 % 10);
        bytes[length++] = (byte) ('0' + year % 10);
        bytes[length++] = '-';
        twoDigits(date.getMonthValue());
        bytes[length++] = '-';
        twoDigits(date.getDayOfMonth());
        return this;
    }

    void endRow() {
        ensure(1);
        bytes[length++] = '\n';
        lineStart = true;
        rows++;
    }

    long rows() {
        return rows;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    private void twoDigits(int value) {
        bytes[length++] = (byte) ('0' + value / 10);
        bytes[length++] = (byte) ('0' + value % 10);
    }

    private void separate() {
        if (!lineStart) {
            ensure(1);
            bytes[length++] = ',';
        }
        lineStart = false;
    }

    private void ensure(int extra) {
        if (length + extra > bytes.length) {
            byte[] grown = new byte[Math.max(bytes.length * 2, length + extra)];
            System.arraycopy(bytes, 0, grown, 0, length);
            bytes = grown;
        }
    }
}
