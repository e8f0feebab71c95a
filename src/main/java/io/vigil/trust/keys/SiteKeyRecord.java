package io.vigil.trust.keys;

import io.vigil.trust.SignatureAlgorithm;
import java.time.Instant;

/**
 * A row of {@code site_keys}: a public signing key of a site, as SubjectPublicKeyInfo DER.
 * {@code notAfter}, {@code revokedAt} and {@code revokeReason} may be null.
 */
public record SiteKeyRecord(String siteId, String kid, SignatureAlgorithm alg, byte[] publicKey, Instant notBefore,
                            Instant notAfter, Instant revokedAt, String revokeReason, Instant createdAt) {

    /** What a key is at a moment: the registry's answer to "may it sign now?". */
    public enum Status {
        ACTIVE, NOT_YET_VALID, EXPIRED, REVOKED;

        /** The status of a key (signing key or site secret) valid in [notBefore, notAfter) unless revoked. */
        public static Status of(Instant notBefore, Instant notAfter, Instant revokedAt, Instant at) {
            if (revokedAt != null) {
                return REVOKED;
            }
            if (at.isBefore(notBefore)) {
                return NOT_YET_VALID;
            }
            if (notAfter != null && !at.isBefore(notAfter)) {
                return EXPIRED;
            }
            return ACTIVE;
        }
    }

    public Status statusAt(Instant at) {
        return Status.of(notBefore, notAfter, revokedAt, at);
    }
}
