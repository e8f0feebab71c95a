package io.vigil.feeds;

/**
 * Text rules shared by the feed formats. Site- and operator-sent text is data: characters that could
 * end a line or reorder what an analyst reads (C0/C1 controls other than CR and LF, DEL, line and
 * paragraph separators, bidi controls) are replaced by U+FFFD before any format-specific escaping.
 * CR and LF are left to the format (CEF escapes them as {@code \r} and {@code \n}).
 */
public final class FeedText {

    public static final char REPLACEMENT = '\uFFFD';

    private FeedText() {}

    /** The text cut to at most {@code maxCodePoints} code points (never inside a surrogate pair), with unsafe characters replaced. */
    public static String clean(String text, int maxCodePoints) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxCodePoints * 2));
        int count = 0;
        for (int i = 0; i < text.length() && count < maxCodePoints; count++) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\r' || cp == '\n') {
                out.append((char) cp);
            } else if (unsafe(cp)) {
                out.append(REPLACEMENT);
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /** Like {@link #clean} but CR and LF become spaces too: for single-line fields without an escape for them. */
    public static String oneLine(String text, int maxCodePoints) {
        String cleaned = clean(text, maxCodePoints);
        return cleaned == null ? null : cleaned.replace('\r', ' ').replace('\n', ' ');
    }

    static boolean unsafe(int cp) {
        return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)
                || cp == 0x2028 || cp == 0x2029 // line and paragraph separators
                || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) // bidi embeddings, isolates
                || cp == 0x200e || cp == 0x200f || cp == 0x061c // bidi marks
                || cp == 0xfeff // byte order mark / zero-width no-break space
                || (cp >= 0xd800 && cp <= 0xdfff); // a lone surrogate
    }
}
