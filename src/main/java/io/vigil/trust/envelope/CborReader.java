package io.vigil.trust.envelope;

/**
 * Just enough of CBOR (RFC 8949) to read a COSE_Sign1 envelope: definite lengths only, no nesting
 * beyond what the caller asks for, every length checked against the bytes left. Indefinite
 * lengths, reserved values and integers above 2^63-1 are malformed.
 */
final class CborReader {

    static final int UNSIGNED = 0;
    static final int NEGATIVE = 1;
    static final int BYTES = 2;
    static final int TEXT = 3;
    static final int ARRAY = 4;
    static final int MAP = 5;
    static final int TAG = 6;
    static final int SIMPLE = 7;

    private final byte[] buf;
    private final int end;
    private int pos;
    /** Where the last string read by {@link #string} starts, and its length. */
    private int stringOffset;
    private int stringLength;

    CborReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    boolean atEnd() {
        return pos == end;
    }

    int peekMajor() throws MalformedEnvelopeException {
        need(1);
        return (buf[pos] & 0xff) >>> 5;
    }

    int peekByte() throws MalformedEnvelopeException {
        need(1);
        return buf[pos] & 0xff;
    }

    /** Reads a head of the given major type and returns its argument (a value, length or tag). */
    long head(int major) throws MalformedEnvelopeException {
        need(1);
        int initial = buf[pos++] & 0xff;
        if (initial >>> 5 != major) {
            throw new MalformedEnvelopeException("unexpected CBOR major type " + (initial >>> 5) + ", wanted " + major);
        }
        return argument(initial & 0x1f);
    }

    /** A string of the given major type (BYTES or TEXT); afterwards {@link #stringOffset()} and {@link #stringLength()}. */
    void string(int major) throws MalformedEnvelopeException {
        long length = head(major);
        if (length > end - pos) {
            throw new MalformedEnvelopeException("CBOR string longer than the envelope");
        }
        stringOffset = pos;
        stringLength = (int) length;
        pos += stringLength;
    }

    int stringOffset() {
        return stringOffset;
    }

    int stringLength() {
        return stringLength;
    }

    /** The number of elements of an array or entries of a map, checked against the bytes left. */
    int count(int major) throws MalformedEnvelopeException {
        long n = head(major);
        if (n > end - pos) {
            throw new MalformedEnvelopeException("CBOR container larger than the envelope");
        }
        return (int) n;
    }

    /** A major type 0 or 1 integer. */
    long integer() throws MalformedEnvelopeException {
        int major = peekMajor();
        if (major == UNSIGNED) {
            return head(UNSIGNED);
        }
        if (major == NEGATIVE) {
            return -1 - head(NEGATIVE);
        }
        throw new MalformedEnvelopeException("expected a CBOR integer");
    }

    /** A half, single or double precision float (major type 7, additional info 25-27). */
    double floatingPoint() throws MalformedEnvelopeException {
        need(1);
        int initial = buf[pos] & 0xff;
        switch (initial) {
            case 0xf9 -> {
                pos++;
                return halfToDouble((int) fixed(2));
            }
            case 0xfa -> {
                pos++;
                return Float.intBitsToFloat((int) fixed(4));
            }
            case 0xfb -> {
                pos++;
                return Double.longBitsToDouble(fixed(8));
            }
            default -> throw new MalformedEnvelopeException("expected a CBOR float");
        }
    }

    /** Skips one data item of any type; nesting deeper than {@code depth} is malformed. */
    void skip(int depth) throws MalformedEnvelopeException {
        if (depth <= 0) {
            throw new MalformedEnvelopeException("CBOR nested too deeply");
        }
        int major = peekMajor();
        switch (major) {
            case UNSIGNED, NEGATIVE -> integer();
            case BYTES, TEXT -> string(major);
            case ARRAY -> {
                int n = count(ARRAY);
                for (int i = 0; i < n; i++) {
                    skip(depth - 1);
                }
            }
            case MAP -> {
                int n = count(MAP);
                for (int i = 0; i < 2 * n; i++) {
                    skip(depth - 1);
                }
            }
            case TAG -> {
                head(TAG);
                skip(depth - 1);
            }
            default -> {
                int info = peekByte() & 0x1f;
                if (info >= 25 && info <= 27) {
                    floatingPoint();
                } else if (info < 24) {
                    pos++;
                } else if (info == 24) {
                    pos++;
                    fixed(1);
                } else {
                    throw new MalformedEnvelopeException("indefinite-length or reserved CBOR item");
                }
            }
        }
    }

    private long argument(int info) throws MalformedEnvelopeException {
        if (info < 24) {
            return info;
        }
        long value = switch (info) {
            case 24 -> fixed(1);
            case 25 -> fixed(2);
            case 26 -> fixed(4);
            case 27 -> fixed(8);
            default -> throw new MalformedEnvelopeException("indefinite-length or reserved CBOR item");
        };
        if (value < 0) {
            throw new MalformedEnvelopeException("CBOR integer above 2^63-1");
        }
        return value;
    }

    private long fixed(int bytes) throws MalformedEnvelopeException {
        need(bytes);
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value = value << 8 | (buf[pos++] & 0xff);
        }
        return value;
    }

    private void need(int bytes) throws MalformedEnvelopeException {
        if (end - pos < bytes) {
            throw new MalformedEnvelopeException("truncated CBOR");
        }
    }

    static double halfToDouble(int half) {
        int exponent = half >> 10 & 0x1f;
        int mantissa = half & 0x3ff;
        double value;
        if (exponent == 0) {
            value = Math.scalb((double) mantissa, -24);
        } else if (exponent != 31) {
            value = Math.scalb((double) (mantissa + 1024), exponent - 25);
        } else {
            value = mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        return (half & 0x8000) != 0 ? -value : value;
    }
}
