package io.vigil.trust.envelope;

import java.nio.charset.StandardCharsets;

/** Strict UTF-8 checks: the JDK's decoders and encoders replace what they cannot map instead of refusing it. */
final class Utf8 {

    private Utf8() {}

    /** True when the bytes are well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF). */
    static boolean isValid(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int need;
            int min;
            if (c >= 0xc2 && c <= 0xdf) {
                need = 1;
                min = 0x80;
            } else if (c >= 0xe0 && c <= 0xef) {
                need = 2;
                min = 0x800;
            } else if (c >= 0xf0 && c <= 0xf4) {
                need = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + need >= end) {
                return false;
            }
            int cp = c & (0x3f >> need);
            for (int k = 1; k <= need; k++) {
                int cc = b[i + k] & 0xff;
                if ((cc & 0xc0) != 0x80) {
                    return false;
                }
                cp = cp << 6 | (cc & 0x3f);
            }
            if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
                return false;
            }
            i += need + 1;
        }
        return true;
    }

    /** UTF-8 bytes of a string, refusing unpaired surrogates (JSON escapes can produce them). */
    static byte[] encodeStrict(String s) throws MalformedEnvelopeException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw new MalformedEnvelopeException("body holds an unpaired surrogate");
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw new MalformedEnvelopeException("body holds an unpaired surrogate");
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
