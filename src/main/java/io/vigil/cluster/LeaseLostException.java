package io.vigil.cluster;

import java.sql.SQLException;

/** A fenced write found that this process no longer holds the lease: the transaction writes nothing. */
public final class LeaseLostException extends SQLException {

    /** Not a PostgreSQL state; class "VG" is Vigil's own, so it is never taken for a passing failure. */
    public static final String SQL_STATE = "VG001";

    public LeaseLostException(String lease, long token) {
        super("lease " + lease + " with token " + token + " is no longer held by this process", SQL_STATE);
    }
}
