package io.vigil.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The canonical bytes of an audit row and its chain hash (docs/audit.md, "Canonical row bytes"):
 * format byte, seq and recorded_at as big-endian 64-bit integers, then the text columns in a fixed
 * order, each as a 32-bit big-endian UTF-8 byte length and the bytes, NULL as length -1.
 * {@code hash = SHA-256(prev_hash || canonical bytes)}. One instance per thread: it reuses its
 * digest and buffer, which is what makes verify fast.
 */
public final class CanonicalRow {

    public static final int FORMAT = 1;
    public static final int HASH_BYTES = 32;
    /** {@code prev_hash} of the first row. */
    public static final byte[] GENESIS = new byte[HASH_BYTES];

    private final MessageDigest sha256;
    private byte[] buffer = new byte[512];
    private int length;

    public CanonicalRow() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    public static boolean isKnownFormat(int format) {
        return format == FORMAT;
    }

    /** The canonical bytes of a row (format 1); the row's own hashes are not part of them. */
    public byte[] encode(AuditRow row) {
        write(row);
        return Arrays.copyOf(buffer, length);
    }

    /** {@code SHA-256(prevHash || canonical bytes of row)}. */
    public byte[] hash(byte[] prevHash, AuditRow row) {
        write(row);
        sha256.reset();
        sha256.update(prevHash);
        sha256.update(buffer, 0, length);
        return sha256.digest();
    }

    private void write(AuditRow row) {
        if (!isKnownFormat(row.format())) {
            throw new IllegalArgumentException("unknown canonical row format " + row.format());
        }
        length = 0;
        ensure(17);
        buffer[length++] = (byte) row.format();
        putLong(row.seq());
        putLong(row.recordedAtMicros());
        putText(row.kind());
        putText(row.actorType());
        putText(row.actorId());
        putText(row.siteId());
        putText(row.incidentId());
        putText(row.eventId());
        putText(row.reason());
        putText(row.details());
        putText(row.dedupKey());
    }

    private void putText(String text) {
        if (text == null) {
            putInt(-1);
            return;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        putInt(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buffer, length, utf8.length);
        length += utf8.length;
    }

    private void putLong(long value) {
        putInt((int) (value >>> 32));
        putInt((int) value);
    }

    private void putInt(int value) {
        ensure(4);
        buffer[length++] = (byte) (value >>> 24);
        buffer[length++] = (byte) (value >>> 16);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
