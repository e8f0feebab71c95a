package io.vigil.trust.replay;

/**
 * SipHash-2-4 (Aumasson and Bernstein), a keyed 64-bit hash: with a secret random key per process
 * a site cannot craft message ids that collide with another site's and get those rejected as
 * replays. {@link #hash(String, String)} hashes {@code a}, a 0 byte, then {@code b}, reading each
 * char as one byte (the inputs are ASCII identifiers).
 */
final class SipHash {

    private final long k0;
    private final long k1;

    SipHash(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    long hash(String a, String b) {
        byte[] bytes = new byte[a.length() + 1 + b.length()];
        for (int i = 0; i < a.length(); i++) {
            bytes[i] = (byte) a.charAt(i);
        }
        for (int i = 0; i < b.length(); i++) {
            bytes[a.length() + 1 + i] = (byte) b.charAt(i);
        }
        return hash(bytes);
    }

    /** The keyed hash of {@code data} (used as the digest of an accepted envelope's bytes). */
    long hash(byte[] data) {
        int length = data.length;
        long v0 = 0x736f6d6570736575L ^ k0;
        long v1 = 0x646f72616e646f6dL ^ k1;
        long v2 = 0x6c7967656e657261L ^ k0;
        long v3 = 0x7465646279746573L ^ k1;
        long m = 0;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            m = 0;
            for (int j = 7; j >= 0; j--) {
                m = m << 8 | byteAt(data, i + j);
            }
            v3 ^= m;
            for (int r = 0; r < 2; r++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= m;
        }
        m = (long) (length & 0xff) << 56;
        for (int j = length - i - 1; j >= 0; j--) {
            m |= (long) byteAt(data, i + j) << (8 * j);
        }
        v3 ^= m;
        for (int r = 0; r < 2; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        v0 ^= m;
        v2 ^= 0xff;
        for (int r = 0; r < 4; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }

    private static long byteAt(byte[] data, int index) {
        return data[index] & 0xff;
    }
}
