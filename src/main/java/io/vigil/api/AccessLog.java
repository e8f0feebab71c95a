package io.vigil.api;

import io.vigil.support.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on logger {@code io.vigil.api.access}: request id, client address, principal,
 * method, path, status, duration. Never a header (the token travels in one), never the query string
 * or the body (caller text); the path is escaped ({@link LogSafe}) because a caller chooses it.
 */
public final class AccessLog {

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private static final Logger LOG = LoggerFactory.getLogger("io.vigil.api.access");

    private AccessLog() {}

    public static void log(String requestId, String remote, String principal, String method, String path, int status,
                    long nanos) {
        if (LOG.isInfoEnabled()) {
            LOG.info("{} {} {} {} {} {} {}ms", requestId, remote, principal == null ? "-" : principal,
                    LogSafe.quote(method), LogSafe.quote(path), status, nanos / 1_000_000);
        }
    }

    /** A new request id: 96 random bits in hex, in the X-Request-Id header, problem bodies and audit details. */
    public static String newRequestId() {
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        return java.util.HexFormat.of().formatHex(id);
    }
}
