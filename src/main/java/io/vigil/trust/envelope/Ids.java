package io.vigil.trust.envelope;

/**
 * The alphabets of the identifiers an envelope carries (docs/envelope.md), checked by hand: no
 * regex on the hot path.
 */
public final class Ids {

    public static final int MAX_ID = 64;
    public static final int MAX_CONTENT_TYPE = 255;

    private Ids() {}

    /** Site and device ids: 1-64 of {@code [A-Za-z0-9._-]}, starting with a letter or digit (as DevPki). */
    public static boolean isName(CharSequence s) {
        int n = s.length();
        if (n == 0 || n > MAX_ID || !isAlnum(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (!isAlnum(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** Message ids and key ids: 1-64 of {@code [A-Za-z0-9._:-]}. */
    public static boolean isToken(CharSequence s) {
        int n = s.length();
        if (n == 0 || n > MAX_ID) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (!isAlnum(c) && c != '.' && c != '_' && c != '-' && c != ':') {
                return false;
            }
        }
        return true;
    }

    /**
     * A media type as in {@code application/vnd.vigil.vendor+json;mapping=acme}: printable ASCII,
     * at most 255 characters, a '/' after a non-empty type. Which types exist is normalisation's
     * business, not trust's.
     */
    public static boolean isContentType(CharSequence s) {
        int n = s.length();
        if (n < 3 || n > MAX_CONTENT_TYPE) {
            return false;
        }
        int slash = -1;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
            if (c == '/' && slash < 0) {
                slash = i;
            }
        }
        return slash > 0 && slash < n - 1 && s.charAt(0) != ' ';
    }

    /** The same checks over ASCII bytes, for CBOR text; the caller then decodes them as Latin-1. */
    static boolean isAscii(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
