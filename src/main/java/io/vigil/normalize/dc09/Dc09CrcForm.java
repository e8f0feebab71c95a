package io.vigil.normalize.dc09;

/** How the CRC field of a DC-09 frame was written (docs/events.md, "SIA DC-09"). */
public enum Dc09CrcForm {
    /** Four hex digits, the form the standard prints. */
    HEX,
    /** Two raw bytes, most significant first, as some panels send. */
    BINARY;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
