package io.vigil.trust.envelope;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The writing half of {@link CborReader}: definite lengths, shortest heads (RFC 8949 preferred serialization). */
final class CborWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    CborWriter head(int major, long argument) {
        int m = major << 5;
        if (argument < 24) {
            out.write(m | (int) argument);
        } else if (argument < 0x100) {
            out.write(m | 24);
            out.write((int) argument);
        } else if (argument < 0x10000) {
            out.write(m | 25);
            fixed(argument, 2);
        } else if (argument < 0x1_0000_0000L) {
            out.write(m | 26);
            fixed(argument, 4);
        } else {
            out.write(m | 27);
            fixed(argument, 8);
        }
        return this;
    }

    CborWriter integer(long value) {
        return value >= 0 ? head(CborReader.UNSIGNED, value) : head(CborReader.NEGATIVE, -1 - value);
    }

    CborWriter text(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        head(CborReader.TEXT, utf8.length);
        out.writeBytes(utf8);
        return this;
    }

    CborWriter bytes(byte[] value) {
        head(CborReader.BYTES, value.length);
        out.writeBytes(value);
        return this;
    }

    CborWriter doubleValue(double value) {
        out.write(0xfb);
        fixed(Double.doubleToLongBits(value), 8);
        return this;
    }

    CborWriter raw(byte[] encoded) {
        out.writeBytes(encoded);
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void fixed(long value, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)) & 0xff);
        }
    }
}
