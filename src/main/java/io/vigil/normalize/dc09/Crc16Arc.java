package io.vigil.normalize.dc09;

/**
 * CRC-16 as SIA DC-09 specifies it: polynomial 0x8005 processed reflected (0xA001), initial value 0,
 * no final XOR (the catalogue name is CRC-16/ARC; check value of "123456789" is 0xBB3D).
 */
public final class Crc16Arc {
    private static final int[] TABLE = table();

    private Crc16Arc() {}

    /** CRC of the characters from {@code from} (inclusive) to {@code to} (exclusive), each taken as one byte. */
    public static int of(CharSequence text, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc = (crc >>> 8) ^ TABLE[(crc ^ text.charAt(i)) & 0xFF];
        }
        return crc;
    }

    public static int of(CharSequence text) {
        return of(text, 0, text.length());
    }

    private static int[] table() {
        int[] table = new int[256];
        for (int b = 0; b < 256; b++) {
            int crc = b;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
            table[b] = crc;
        }
        return table;
    }
}
