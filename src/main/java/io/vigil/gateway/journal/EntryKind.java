package io.vigil.gateway.journal;

/** What a journal entry holds, for the drop rule when the journal is full (docs/gateway.md, "Bounded on disk"). */
public enum EntryKind {
    /** Never dropped: a full journal refuses new frames instead. */
    ALARM,
    /** A link test or sign of life: the oldest are dropped first to make room. */
    HEARTBEAT;

    byte code() {
        return (byte) ordinal();
    }

    static EntryKind of(byte code) {
        if (code < 0 || code >= values().length) {
            throw new IllegalArgumentException("unknown entry kind " + code);
        }
        return values()[code];
    }
}
