package io.vigil.bench;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The benchmark's message: ASCII, fixed layout, padded to {@value #SIZE} bytes (the record size of
 * every scenario, Kafka's ProducerPerformance included):
 * <pre>
 * VB1 tttttttt P ssssssssssss uuuuuuuuuuuuuuuu xxxx...
 *     tag      phase sequence publish time (epoch µs)   padding
 * </pre>
 * Fixed positions make decoding a few digit loops, cheap enough for the counting consumers.
 */
public final class BenchPayload implements StampEncoder, StampDecoder {

    public static final int SIZE = 300;
    public static final int TAG_LENGTH = 8;
    private static final byte[] MAGIC = "VB1 ".getBytes(StandardCharsets.US_ASCII);
    private static final int TAG_AT = 4;
    private static final int PHASE_AT = TAG_AT + TAG_LENGTH + 1;
    private static final int SEQUENCE_AT = PHASE_AT + 2;
    private static final int SEQUENCE_DIGITS = 12;
    private static final int MICROS_AT = SEQUENCE_AT + SEQUENCE_DIGITS + 1;
    private static final int MICROS_DIGITS = 16;
    private static final int HEADER = MICROS_AT + MICROS_DIGITS + 1;
    public static final int HEADER_LENGTH = HEADER;

    public static final BenchPayload INSTANCE = new BenchPayload();

    private BenchPayload() {}

    static boolean isTag(String tag) {
        return tag.length() == TAG_LENGTH && tag.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
    }

    @Override
    public byte[] encode(String siteId, BenchStamp stamp) {
        return encode(stamp);
    }

    /** The stamp alone, without the padding ({@value #HEADER_LENGTH} ASCII characters), for formats that embed it. */
    public String header(BenchStamp stamp) {
        return new String(encode(stamp), 0, HEADER, StandardCharsets.US_ASCII);
    }

    public byte[] encode(BenchStamp stamp) {
        byte[] bytes = new byte[SIZE];
        System.arraycopy(MAGIC, 0, bytes, 0, MAGIC.length);
        for (int i = 0; i < TAG_LENGTH; i++) {
            bytes[TAG_AT + i] = (byte) stamp.tag().charAt(i);
        }
        bytes[TAG_AT + TAG_LENGTH] = ' ';
        bytes[PHASE_AT] = (byte) stamp.phase().code();
        bytes[PHASE_AT + 1] = ' ';
        writeDigits(bytes, SEQUENCE_AT, SEQUENCE_DIGITS, stamp.sequence());
        bytes[SEQUENCE_AT + SEQUENCE_DIGITS] = ' ';
        writeDigits(bytes, MICROS_AT, MICROS_DIGITS, stamp.publishedMicros());
        bytes[MICROS_AT + MICROS_DIGITS] = ' ';
        for (int i = HEADER; i < SIZE; i++) {
            bytes[i] = 'x';
        }
        return bytes;
    }

    @Override
    public Optional<BenchStamp> decode(byte[] bytes) {
        return decode(bytes, 0);
    }

    /** Reads a stamp that starts at {@code offset} (for formats that wrap the benchmark payload). */
    public Optional<BenchStamp> decode(byte[] bytes, int offset) {
        if (bytes == null || bytes.length - offset < HEADER) {
            return Optional.empty();
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[offset + i] != MAGIC[i]) {
                return Optional.empty();
            }
        }
        long sequence = readDigits(bytes, offset + SEQUENCE_AT, SEQUENCE_DIGITS);
        long micros = readDigits(bytes, offset + MICROS_AT, MICROS_DIGITS);
        String tag = new String(bytes, offset + TAG_AT, TAG_LENGTH, StandardCharsets.US_ASCII);
        if (sequence < 0 || micros < 0 || !isTag(tag)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BenchStamp(tag, BenchStamp.Phase.of((char) bytes[offset + PHASE_AT]), sequence, micros));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void writeDigits(byte[] bytes, int at, int digits, long value) {
        if (value >= pow10(digits)) {
            throw new IllegalArgumentException("value does not fit in " + digits + " digits");
        }
        for (int i = at + digits - 1; i >= at; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The number, or -1 if any byte is not a digit. */
    private static long readDigits(byte[] bytes, int at, int digits) {
        long value = 0;
        for (int i = at; i < at + digits; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static long pow10(int digits) {
        long value = 1;
        for (int i = 0; i < digits; i++) {
            value *= 10;
        }
        return value;
    }
}
