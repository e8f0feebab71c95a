package io.vigil.escalation;

/**
 * Site text as PostgreSQL can store it: {@code text} refuses the NUL character, and a refused row
 * would fail its whole batch again on every retry. NUL becomes U+FFFD; everything else is kept.
 */
final class StorableText {

    private StorableText() {}

    static String of(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    }
}
