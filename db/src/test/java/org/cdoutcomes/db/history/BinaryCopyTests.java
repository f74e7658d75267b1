package org.cdoutcomes.db.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import org.cdoutcomes.model.vocabulary.Muscle;
import org.junit.jupiter.api.Test;
import org.postgresql.copy.CopyOut;

/**
 * The binary COPY format decoded from bytes written here by hand after PostgreSQL's documentation ("Binary Format"
 * of COPY; dates as days from 2000-01-01, numerics as base-10000 digits with weight, sign and display scale),
 * delivered whole and split into messages of every size, as a server could split them.
 */
class BinaryCopyTests {
    private static final StoredIds<Muscle> MUSCLES = StoredIds.of(Muscle.VOCABULARY);

    /** Two rows of (text, text, date, numeric, muscle id), then the trailer. */
    private static byte[] stream() {
        Bytes b = new Bytes();
        b.raw('P', 'G', 'C', 'O', 'P', 'Y', '\n', 0xff, '\r', '\n', 0).int32(0).int32(0);
        b.int16(5).text("P-001").int32(-1)
                .int32(4).int32(9141) // 2025-01-10: 25 years of which 7 leap (2000..2024) = 9132 days, + 9
                .int32(12).int16(2).int16(0).int16(0x0000).int16(1).int16(15).int16(5000) // 15.5: digits 15|5000, weight 0, scale 1
                .text("trapezius");
        b.int16(5).text("P-002").text("ü") // two bytes in UTF-8
                .int32(4).int32(-1) // 1999-12-31
                .int32(10).int16(1).int16(1).int16(0x4000).int16(0).int16(25) // -250000: digit 25 at weight 1, negative
                .int32(-1);
        b.int16(-1);
        return b.toArray();
    }

    @Test
    void decodesRowsWholeOrSplitIntoMessagesOfAnySize() throws SQLException {
        byte[] stream = stream();
        for (int size = 1; size <= stream.length; size++) {
            try (BinaryCopy rows = new BinaryCopy(new Messages(stream, size))) {
                assertTrue(rows.next(), "size " + size);
                assertEquals("P-001", rows.text(0));
                assertTrue(rows.bytesEqual(0, "P-001".getBytes(StandardCharsets.US_ASCII)));
                assertFalse(rows.bytesEqual(0, "P-002".getBytes(StandardCharsets.US_ASCII)));
                assertTrue(rows.isNull(1));
                assertNull(rows.text(1));
                assertEquals(LocalDate.of(2025, 1, 10), rows.date(2));
                assertEquals(new BigDecimal("15.5"), rows.numeric(3));
                assertEquals(Muscle.TRAPEZIUS, rows.id(4, MUSCLES));

                assertTrue(rows.next());
                assertArrayEquals("P-002".getBytes(StandardCharsets.US_ASCII), rows.bytes(0));
                assertEquals("ü", rows.text(1));
                assertEquals(LocalDate.of(1999, 12, 31), rows.date(2));
                assertEquals(0, new BigDecimal("-250000").compareTo(rows.numeric(3)));
                assertNull(rows.id(4, MUSCLES));

                assertFalse(rows.next(), "the trailer ends the rows");
            }
        }
    }

    @Test
    void aStreamThatStopsInsideARowIsAnErrorNotAShortResult() throws SQLException {
        byte[] stream = stream();
        byte[] cut = Arrays.copyOf(stream, stream.length - 20);
        BinaryCopy rows = new BinaryCopy(new Messages(cut, 7));
        assertTrue(rows.next());
        SQLException thrown = assertThrows(SQLException.class, rows::next);
        assertEquals("the COPY stream ended inside a row", thrown.getMessage());
    }

    @Test
    void anIdOutsideTheVocabularyFailsLoudly() throws SQLException {
        Bytes b = new Bytes();
        b.raw('P', 'G', 'C', 'O', 'P', 'Y', '\n', 0xff, '\r', '\n', 0).int32(0).int32(0).int16(1).text("biceps").int16(-1);
        BinaryCopy rows = new BinaryCopy(new Messages(b.toArray(), 1000));
        assertTrue(rows.next());
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> rows.id(0, MUSCLES));
        assertEquals("Muscle has no id 'biceps'", thrown.getMessage());
    }

    /** Big-endian fields, as COPY writes them. */
    private static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes raw(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        Bytes int16(int value) {
            return raw(value >> 8 & 0xff, value & 0xff);
        }

        Bytes int32(int value) {
            return raw(value >>> 24, value >> 16 & 0xff, value >> 8 & 0xff, value & 0xff);
        }

        Bytes text(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            int32(bytes.length);
            out.writeBytes(bytes);
            return this;
        }

        byte[] toArray() {
            return out.toByteArray();
        }
    }

    /** A COPY that delivers the stream in messages of a given size, then null (the end). */
    private static final class Messages implements CopyOut {
        private final Deque<byte[]> messages = new ArrayDeque<>();

        Messages(byte[] stream, int size) {
            for (int from = 0; from < stream.length; from += size) {
                messages.add(Arrays.copyOfRange(stream, from, Math.min(stream.length, from + size)));
            }
        }

        @Override
        public byte[] readFromCopy() {
            return messages.poll();
        }

        @Override
        public byte[] readFromCopy(boolean block) {
            return readFromCopy();
        }

        @Override
        public int getFieldCount() {
            return 0;
        }

        @Override
        public int getFormat() {
            return 1;
        }

        @Override
        public int getFieldFormat(int field) {
            return 1;
        }

        @Override
        public boolean isActive() {
            return !messages.isEmpty();
        }

        @Override
        public void cancelCopy() {
            messages.clear();
        }

        @Override
        public long getHandledRowCount() {
            return 0;
        }
    }
}
