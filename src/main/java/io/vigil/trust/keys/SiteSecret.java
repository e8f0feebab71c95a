package io.vigil.trust.keys;

import io.vigil.trust.TrustProfile;
import java.time.Instant;

/**
 * A site secret as the hot path sees it: unwrapped once at load. {@code key} is the raw key (DC-09:
 * the 16/24/32 AES key bytes; OwnTracks: the secret's UTF-8 bytes). Do not modify or log it.
 */
public record SiteSecret(String secretId, TrustProfile kind, String account, Instant notBefore, Instant notAfter,
                         Instant revokedAt, byte[] key) {

    public boolean validAt(Instant at) {
        return !at.isBefore(notBefore) && (notAfter == null || at.isBefore(notAfter));
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    @Override
    public String toString() {
        return "SiteSecret[" + secretId + ", " + kind.code() + (account == null ? "" : ", account " + account) + "]";
    }
}
