package io.vigil.trust.envelope;

import java.util.Arrays;

/**
 * Strict base64url without padding (RFC 7515 §2): other characters, padding and non-zero trailing
 * bits are refused, so each byte string has exactly one encoding.
 */
public final class Base64Url {

    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int[] DECODE = new int[256];

    static {
        Arrays.fill(DECODE, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            DECODE[ALPHABET[i]] = i;
        }
    }

    private Base64Url() {}

    public static byte[] decode(byte[] src, int off, int len) throws MalformedEnvelopeException {
        int remainder = len & 3;
        if (remainder == 1) {
            throw new MalformedEnvelopeException("invalid base64url length");
        }
        byte[] out = new byte[len / 4 * 3 + (remainder == 0 ? 0 : remainder - 1)];
        int o = 0;
        int end = off + len - remainder;
        int i = off;
        while (i < end) {
            int n = sextet(src[i]) << 18 | sextet(src[i + 1]) << 12 | sextet(src[i + 2]) << 6 | sextet(src[i + 3]);
            out[o++] = (byte) (n >> 16);
            out[o++] = (byte) (n >> 8);
            out[o++] = (byte) n;
            i += 4;
        }
        if (remainder == 2) {
            int n = sextet(src[i]) << 6 | sextet(src[i + 1]);
            if ((n & 0xf) != 0) {
                throw new MalformedEnvelopeException("non-canonical base64url");
            }
            out[o] = (byte) (n >> 4);
        } else if (remainder == 3) {
            int n = sextet(src[i]) << 12 | sextet(src[i + 1]) << 6 | sextet(src[i + 2]);
            if ((n & 0x3) != 0) {
                throw new MalformedEnvelopeException("non-canonical base64url");
            }
            out[o++] = (byte) (n >> 10);
            out[o] = (byte) (n >> 2);
        }
        return out;
    }

    public static byte[] decode(String text) throws MalformedEnvelopeException {
        byte[] ascii = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        return decode(ascii, 0, ascii.length);
    }

    public static String encode(byte[] data) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(data);
    }

    private static int sextet(byte b) throws MalformedEnvelopeException {
        int v = DECODE[b & 0xff];
        if (v < 0) {
            throw new MalformedEnvelopeException("invalid base64url character");
        }
        return v;
    }
}
