package io.vigil.trust.keys;

import io.vigil.trust.TrustProfile;
import java.time.Instant;

/**
 * A row of {@code site_secrets}: a symmetric key of a {@code dc09-aes} or {@code owntracks-secret}
 * site, wrapped under the receiver's key-encryption key. {@code account} is the DC-09 account
 * (null for OwnTracks); {@code notAfter}, {@code revokedAt} and {@code revokeReason} may be null.
 */
public record SiteSecretRecord(String siteId, String secretId, TrustProfile kind, String account, byte[] wrapped,
                               String kekId, Instant notBefore, Instant notAfter, Instant revokedAt,
                               String revokeReason, Instant createdAt) {

    public SiteKeyRecord.Status statusAt(Instant at) {
        return SiteKeyRecord.Status.of(notBefore, notAfter, revokedAt, at);
    }

    /** What the wrapping binds the secret to: moving the row to another site or account breaks the unwrap. */
    public String associatedData() {
        return siteId + "|" + secretId + "|" + kind.code() + "|" + (account == null ? "" : account);
    }
}
