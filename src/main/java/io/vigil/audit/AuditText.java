package io.vigil.audit;

/**
 * What PostgreSQL's {@code text} can hold verbatim. It cannot store NUL, and Java's UTF-8 encoder
 * turns an unpaired surrogate into {@code ?}: either would make a stored value differ from the one
 * given (or fail the whole batch it travels in), so such text is refused before it is queued.
 */
final class AuditText {

    private AuditText() {}

    static String requireStorable(String field, String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                throw new IllegalArgumentException(field + " contains a NUL character, which PostgreSQL text cannot"
                        + " store; put such data into details (JSON escapes it)");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(field + " contains an unpaired UTF-16 surrogate at index " + i);
            }
        }
        return text;
    }
}
