package io.vigil.audit;

import java.util.HexFormat;

/** Lower-case hex, the way hashes are printed and read back on the command line. */
public final class Hex {

    private static final HexFormat HEX = HexFormat.of();

    private Hex() {}

    public static String of(byte[] bytes) {
        return bytes == null ? null : HEX.formatHex(bytes);
    }

    public static byte[] parse(String hex) {
        return HEX.parseHex(hex.trim().toLowerCase(java.util.Locale.ROOT));
    }
}
