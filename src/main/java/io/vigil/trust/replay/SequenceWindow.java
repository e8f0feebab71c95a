package io.vigil.trust.replay;

/**
 * One device's sequence state: the highest number accepted and a bitmap of the 64 numbers at and
 * below it (bit i = high water - i), as in IPsec's anti-replay window (RFC 4303 §3.4.3). Guarded by
 * the caller's lock on this object.
 */
final class SequenceWindow {

    enum Status { NEW, SEEN, TOO_OLD }

    static final long NONE = -1;

    long highWater = NONE;
    long bits;
    boolean dirty;

    SequenceWindow() {}

    SequenceWindow(long highWater, long bits) {
        this.highWater = highWater;
        this.bits = bits;
    }

    Status status(long seq, int window) {
        if (highWater == NONE || seq > highWater) {
            return Status.NEW;
        }
        long below = highWater - seq;
        if (below >= window) {
            return Status.TOO_OLD;
        }
        return (bits >>> below & 1) != 0 ? Status.SEEN : Status.NEW;
    }

    void mark(long seq) {
        if (highWater == NONE) {
            highWater = seq;
            bits = 1;
        } else if (seq > highWater) {
            long shift = seq - highWater;
            bits = shift >= 64 ? 1 : bits << shift | 1;
            highWater = seq;
        } else if (highWater - seq < 64) {
            bits |= 1L << (highWater - seq);
        }
        dirty = true;
    }

    /** Folds in state from elsewhere (a store, another receiver): never moves backwards. */
    void merge(long otherHighWater, long otherBits) {
        if (otherHighWater == NONE) {
            return;
        }
        if (highWater == NONE || otherHighWater > highWater) {
            long shift = highWater == NONE ? 64 : otherHighWater - highWater;
            long mine = shift >= 64 ? 0 : bits << shift;
            highWater = otherHighWater;
            bits = otherBits | mine;
        } else {
            long shift = highWater - otherHighWater;
            bits |= shift >= 64 ? 0 : otherBits << shift;
        }
    }
}
