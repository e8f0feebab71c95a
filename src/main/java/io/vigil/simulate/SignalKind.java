package io.vigil.simulate;

/** What a simulated site sends; the bad kinds are what the trust gate must quarantine. */
public enum SignalKind {
    HEARTBEAT(false), SENSOR(false), ALARM(false), RESTORE(false),
    BAD_SIGNATURE(true), REPLAY(true), STALE(true), OVERSIZE(true), MALFORMED(true);

    private final boolean bad;

    SignalKind(boolean bad) {
        this.bad = bad;
    }

    /** True for traffic the receiver must reject (and quarantine). */
    public boolean bad() {
        return bad;
    }
}
