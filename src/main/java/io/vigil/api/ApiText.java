package io.vigil.api;

import io.vigil.db.PostgresText;

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
        PostgresText.problem(text).ifPresent(problem -> {
            throw ApiException.badRequest(field + " " + problem.describe());
        });
        return text;
    }
}
