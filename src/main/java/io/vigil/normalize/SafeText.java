package io.vigil.normalize;

/**
 * Escapes site-sent text before it reaches a log line, a terminal, a header or a quarantine detail:
 * control characters (C0, DEL, C1), line and paragraph separators and bidi overrides become visible
 * escapes, so a payload can neither forge log lines nor reorder what an operator reads.
 */
public final class SafeText {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private SafeText() {}

    /** The escaped text, cut to about {@code maxChars} characters with a marker of how much was cut. */
    public static String escape(String text, int maxChars) {
        return escape(text, maxChars, true);
    }

    private static String escape(String text, int maxChars, boolean escapeBackslash) {
        if (text == null) {
            return "";
        }
        int limit = Math.min(text.length(), maxChars);
        StringBuilder out = null;
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (needsEscape(c) && (escapeBackslash || c != '\\')) {
                if (out == null) {
                    out = new StringBuilder(limit + 16).append(text, 0, i);
                }
                appendEscape(out, c);
            } else if (out != null) {
                out.append(c);
            }
        }
        String result = out == null ? text.substring(0, limit) : out.toString();
        if (text.length() > limit) {
            result = result + "...(" + (text.length() - limit) + " more)";
        }
        return result;
    }

    /**
     * Escapes control, separator and bidi characters but leaves backslashes alone: for text that Vigil
     * composed itself around already-quoted site data, so existing escapes are not doubled.
     */
    public static String escapeControls(String text, int maxChars) {
        return escape(text, maxChars, false);
    }

    /** Escapes the whole text, however long. */
    public static String escape(String text) {
        return escape(text, Integer.MAX_VALUE);
    }

    /** Escaped text between double quotes, for quoting input in a message. */
    public static String quote(String text, int maxChars) {
        return '"' + escape(text, maxChars).replace("\"", "\\\"") + '"';
    }

    static boolean needsEscape(char c) {
        return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == '\\'
                || c == '\u2028' || c == '\u2029'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200E' || c == '\u200F' || c == '\uFEFF';
    }

    private static void appendEscape(StringBuilder out, char c) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\\' -> out.append("\\\\");
            default -> {
                if (c <= 0xFF) {
                    out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                } else {
                    out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF])
                            .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                }
            }
        }
    }
}
