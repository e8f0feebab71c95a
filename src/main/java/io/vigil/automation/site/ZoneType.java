package io.vigil.automation.site;

import java.util.Locale;

/** What a zone guards (docs/automation.md, "Zone types"); the label is how an operator reads it. */
public enum ZoneType {
    ENTRY_EXIT("entry/exit"), PERIMETER("perimeter"), INTERIOR("interior"), FIRE("fire"), PANIC("panic"),
    HOLDUP("hold-up"), MEDICAL("medical"), GAS("gas"), WATER("water"), TECHNICAL("technical"), TAMPER("tamper"),
    KEYSWITCH("keyswitch"), OTHER("other");

    private final String label;

    ZoneType(String label) {
        this.label = label;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label;
    }

    /** The type with this wire name; IllegalArgumentException naming the allowed ones otherwise. */
    public static ZoneType parse(String text) {
        for (ZoneType type : values()) {
            if (type.wireName().equals(text)) {
                return type;
            }
        }
        throw new IllegalArgumentException("zone type must be one of entry_exit, perimeter, interior, fire, panic,"
                + " holdup, medical, gas, water, technical, tamper, keyswitch, other");
    }
}
