package org.cdoutcomes.db.history;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.postgresql.util.ByteConverter;

/**
 * The rows of a query, read as PostgreSQL's binary COPY stream and decoded in place. A cursor's rows arrive as one
 * byte array per column plus a tuple each (1.8 GB of garbage for a 100,000-patient clinic) and must be fetched in
 * round trips; COPY streams without waiting, one message per row, and a column is decoded only when asked for.
 * Format: https://www.postgresql.org/docs/15/sql-copy.html ("Binary Format").
 */
final class BinaryCopy implements AutoCloseable {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    /** Binary dates count days from 2000-01-01. */
    private static final long EPOCH_DAY_2000 = LocalDate.of(2000, 1, 1).toEpochDay();

    private final CopyOut copy;
    private byte[] data = new byte[0];
    private int position;
    private int limit;
    /** Where the current row (or the header) starts in {@link #data}: bytes from there on are kept when a message is joined. */
    private int rowStart;
    /** Offsets and lengths (-1: null) of the current row's columns in {@link #data}; the first {@code parsed} are set. */
    private int[] offsets = new int[0];
    private int[] lengths = new int[0];
    private int parsed;

    /** Starts {@code copy (query) to stdout} on the connection, in its current transaction. */
    BinaryCopy(Connection connection, String query) throws SQLException {
        this(connection.unwrap(PGConnection.class).getCopyAPI().copyOut("copy (" + query + ") to stdout (format binary)"));
    }

    /** Reads a COPY already started in binary format. */
    BinaryCopy(CopyOut copy) throws SQLException {
        this.copy = copy;
        ensure(SIGNATURE.length + 8);
        if (!Arrays.equals(data, position, position + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new SQLException("not a binary COPY stream");
        }
        position += SIGNATURE.length + 4; // flags: none that matter to a reader
        int extension = readInt();
        ensure(extension);
        position += extension;
    }

    /** Moves to the next row; false after the last (and the COPY is then complete). */
    boolean next() throws SQLException {
        rowStart = position;
        parsed = 0;
        ensure(2);
        int columns = readShort();
        if (columns == -1) {
            while (copy.readFromCopy() != null) {
                // nothing follows the trailer; reading on completes the COPY
            }
            return false;
        }
        if (offsets.length != columns) {
            offsets = new int[columns];
            lengths = new int[columns];
        }
        for (int i = 0; i < columns; i++) {
            ensure(4);
            int length = readInt();
            offsets[i] = position;
            lengths[i] = length;
            parsed = i + 1;
            if (length > 0) {
                ensure(length);
                position += length;
            }
        }
        return true;
    }

    boolean isNull(int column) {
        return lengths[column] < 0;
    }

    String text(int column) {
        return isNull(column) ? null : new String(data, offsets[column], lengths[column], StandardCharsets.UTF_8);
    }

    /** Whether the column holds exactly these bytes (never for null). */
    boolean bytesEqual(int column, byte[] bytes) {
        return !isNull(column) && Arrays.equals(data, offsets[column], offsets[column] + lengths[column], bytes, 0, bytes.length);
    }

    byte[] bytes(int column) {
        return isNull(column) ? null : Arrays.copyOfRange(data, offsets[column], offsets[column] + lengths[column]);
    }

    LocalDate date(int column) {
        if (isNull(column)) {
            return null;
        }
        int days = intAt(offsets[column]);
        if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
            throw new IllegalStateException("an infinite date is stored");
        }
        return LocalDate.ofEpochDay(EPOCH_DAY_2000 + days);
    }

    BigDecimal numeric(int column) {
        if (isNull(column)) {
            return null;
        }
        Number number = ByteConverter.numeric(data, offsets[column], lengths[column]);
        if (!(number instanceof BigDecimal decimal)) {
            throw new IllegalStateException("a stored number is not a decimal: " + number);
        }
        return decimal;
    }

    /** The value a stored id names; null when the column is null. */
    <T> T id(int column, StoredIds<T> ids) {
        return isNull(column) ? null : ids.get(data, offsets[column], lengths[column]);
    }

    private int readShort() {
        int value = ((data[position] & 0xff) << 8) | (data[position + 1] & 0xff);
        position += 2;
        return (short) value;
    }

    private int readInt() {
        int value = intAt(position);
        position += 4;
        return value;
    }

    private int intAt(int at) {
        return ((data[at] & 0xff) << 24) | ((data[at + 1] & 0xff) << 16) | ((data[at + 2] & 0xff) << 8) | (data[at + 3] & 0xff);
    }

    /**
     * Makes {@code n} bytes readable from {@link #position}. The server sends each row as one message, so normally
     * the next message simply replaces the buffer; a row split across messages is joined, keeping the row's bytes
     * read so far, and the offsets into it move with them.
     */
    private void ensure(int n) throws SQLException {
        while (limit - position < n) {
            byte[] message = copy.readFromCopy();
            if (message == null) {
                throw new SQLException("the COPY stream ended inside a row");
            }
            int keep = limit - rowStart;
            int shift = rowStart;
            if (keep == 0) {
                data = message;
            } else {
                byte[] joined = new byte[keep + message.length];
                System.arraycopy(data, rowStart, joined, 0, keep);
                System.arraycopy(message, 0, joined, keep, message.length);
                data = joined;
            }
            limit = keep + message.length;
            position -= shift;
            rowStart = 0;
            for (int j = 0; j < parsed; j++) {
                offsets[j] -= shift;
            }
        }
    }

    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }
}
