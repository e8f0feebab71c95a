package io.vigil.trust;

import java.time.Instant;

/**
 * A signal whose authenticity (by its site's trust profile), freshness and uniqueness were checked.
 * Everything in it comes from the site: still data, still to be escaped before it reaches a log.
 * {@code body} is not copied: do not modify it. For the profiles without a signature {@code alg}
 * is null, {@code kid} names the secret that authenticated it (none for transport-only) and
 * {@code body} is the clear signal.
 */
public record VerifiedEnvelope(String site, String device, String kid, SignatureAlgorithm alg, long seq,
                               Instant issuedAt, String messageId, String contentType, byte[] body,
                               Encoding encoding, boolean redelivered, TrustProfile profile) {

    /** A signed envelope. */
    public VerifiedEnvelope(String site, String device, String kid, SignatureAlgorithm alg, long seq, Instant issuedAt,
                            String messageId, String contentType, byte[] body, Encoding encoding, boolean redelivered) {
        this(site, device, kid, alg, seq, issuedAt, messageId, contentType, body, encoding, redelivered,
                TrustProfile.SIGNED);
    }
}
