package io.vigil.support;

/**
 * Makes site-sent text safe to put in a log line, an exception message or a header: quoted, control
 * and non-ASCII characters escaped, length capped. A site cannot forge log lines or terminal
 * escapes through it.
 */
public final class LogSafe {

    /** Longer text is cut (and marked) so one message cannot flood a log. */
    public static final int MAX_CHARS = 200;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LogSafe() {}

    /** {@code "text"} with {@code \n}, {@code \u001b} etc. escaped; {@code null} for null. */
    public static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 8).append('"');
        int end = Math.min(text.length(), MAX_CHARS);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                                .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
        if (text.length() > MAX_CHARS) {
            out.append("...(").append(text.length()).append(" chars)");
        }
        return out.toString();
    }
}
