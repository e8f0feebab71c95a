package io.vigil.cli;

import java.io.ByteArrayOutputStream;

/**
 * The escapes {@code vigil decode --escapes} and the public corpus use to put bytes on a text line:
 * {@code \n}, {@code \r}, {@code \t}, {@code \\} and {@code \xHH}; every other character stands for its
 * ISO-8859-1 byte. Needed for DC-09 frames whose CRC is two raw bytes.
 */
public final class EscapedLine {
    private EscapedLine() {}

    /** The bytes the line stands for; IllegalArgumentException for an unknown or cut escape. */
    public static byte[] decode(String line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c > 0xFF) {
                throw new IllegalArgumentException("character U+" + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)
                        + " at position " + i + " is not a byte: write it as \\xHH escapes");
            }
            if (c != '\\') {
                out.write(c);
                continue;
            }
            if (i + 1 == line.length()) {
                throw new IllegalArgumentException("line ends inside an escape");
            }
            char next = line.charAt(++i);
            switch (next) {
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case '\\' -> out.write('\\');
                case 'x' -> {
                    int high = i + 1 < line.length() ? Character.digit(line.charAt(i + 1), 16) : -1;
                    int low = i + 2 < line.length() ? Character.digit(line.charAt(i + 2), 16) : -1;
                    if (high < 0 || low < 0) {
                        throw new IllegalArgumentException("\\x at position " + (i - 1) + " needs two hex digits");
                    }
                    out.write(high * 16 + low);
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown escape at position " + (i - 1));
            }
        }
        return out.toByteArray();
    }
}
