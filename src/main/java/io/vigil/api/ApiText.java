package io.vigil.api;

/**
 * Checks caller text before it goes anywhere: PostgreSQL {@code text} cannot hold NUL, and an
 * unpaired UTF-16 surrogate (which a JSON escape can produce) would be stored as something else
 * than what was sent. Everything else is stored and returned verbatim.
 */
public final class ApiText {

    private ApiText() {}

    /** {@code text} if it is storable and has {@code min..max} characters (code points); else 400. */
    public static String require(String field, String text, int min, int max) {
        if (text == null) {
            if (min == 0) {
                return null;
            }
            throw ApiException.badRequest(field + " is required");
        }
        int length = text.codePointCount(0, text.length());
        if (min > 0 && text.isBlank()) {
            throw ApiException.badRequest(field + " must not be blank");
        }
        if (length < min || length > max) {
            throw ApiException.badRequest(field + " must have " + min + "-" + max + " characters, has " + length);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                throw ApiException.badRequest(field + " contains a NUL character");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ApiException.badRequest(field + " contains an unpaired UTF-16 surrogate at index " + i);
            }
        }
        return text;
    }
}
