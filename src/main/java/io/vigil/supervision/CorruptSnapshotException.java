package io.vigil.supervision;

import java.io.IOException;

/** A supervision snapshot that cannot be trusted: wrong magic or version, bad record, or checksum mismatch. */
public final class CorruptSnapshotException extends IOException {

    private static final long serialVersionUID = 1L;

    public CorruptSnapshotException(String message) {
        super(message);
    }
}
