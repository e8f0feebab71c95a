package io.vigil.support;

/**
 * Makes text that came from a site safe to put in a log line, an exception message or a header:
 * control characters (CR, LF, ESC, ...) and non-ASCII become {@code \\uXXXX} escapes and the text
 * is cut to a bound, so a site cannot forge a second log line or smuggle terminal escapes.
 */
public final class LogSafe {

    private static final int MAX = 200;

    private LogSafe() {}

    public static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX) + 2).append('"');
        int limit = Math.min(text.length(), MAX);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (text.length() > MAX) {
            out.append("...(").append(text.length()).append(" chars)");
        }
        return out.append('"').toString();
    }
}
