package io.vigil.normalize.dc09;

/** How the CRC field of a DC-09 frame was written (docs/events.md, "SIA DC-09"). */
public enum Dc09CrcForm {
    /** Four hex digits, the form the standard prints. */
    HEX("hex"),
    /** Four hex digits with lower-case letters. */
    HEX_LOWERCASE("hex-lowercase"),
    /** Two raw bytes, most significant first, as some panels send. */
    BINARY("binary");

    private final String wireName;

    Dc09CrcForm(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
