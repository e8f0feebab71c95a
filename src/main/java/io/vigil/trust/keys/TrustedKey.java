package io.vigil.trust.keys;

import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.crypto.SignatureVerifier;
import java.time.Instant;

/** A registered key, parsed once and ready to verify. {@code notAfter} and {@code revokedAt} may be null. */
public record TrustedKey(String siteId, String kid, SignatureAlgorithm alg, Instant notBefore, Instant notAfter,
                         Instant revokedAt, SignatureVerifier verifier) {

    /** Inside [notBefore, notAfter). */
    public boolean validAt(Instant at) {
        return !at.isBefore(notBefore) && (notAfter == null || at.isBefore(notAfter));
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
