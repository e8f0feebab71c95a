package io.vigil.db;

import java.util.Optional;

/**
 * What PostgreSQL's {@code text} can hold verbatim: no NUL character, and no unpaired UTF-16
 * surrogate (Java's UTF-8 encoder would store it as {@code ?}). Text with either would be stored as
 * something other than what was given, or fail the statement it travels in.
 */
public final class PostgresText {

    /** Why a text cannot be stored verbatim: a NUL character, or an unpaired surrogate at {@code index}. */
    public record Problem(boolean nul, int index) {
        public String describe() {
            return nul ? "contains a NUL character" : "contains an unpaired UTF-16 surrogate at index " + index;
        }
    }

    private PostgresText() {}

    /** The first problem of {@code text}, or empty when it can be stored verbatim (or is null). */
    public static Optional<Problem> problem(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return Optional.of(new Problem(true, i));
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of(new Problem(false, i));
            }
        }
        return Optional.empty();
    }
}
