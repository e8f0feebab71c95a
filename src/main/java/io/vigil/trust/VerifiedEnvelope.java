package io.vigil.trust;

import java.time.Duration;
import java.time.Instant;

/**
 * A signal whose authenticity (by its site's trust profile), freshness and uniqueness were checked.
 * Everything in it comes from the site: still data, still to be escaped before it reaches a log.
 * {@code body} is not copied: do not modify it. For the profiles without a signature {@code alg}
 * is null, {@code kid} names the secret that authenticated it (none for transport-only) and
 * {@code body} is the clear signal.
 *
 * @param redelivered a broker redelivery (MQTT DUP) of an envelope seen before
 * @param duplicate   a delivery of an envelope accepted before with the same id and bytes (same event id)
 * @param lateBy      receipt minus issue time when that exceeds the freshness window, else zero
 */
public record VerifiedEnvelope(String site, String device, String kid, SignatureAlgorithm alg, long seq,
                               Instant issuedAt, String messageId, String contentType, byte[] body,
                               Encoding encoding, boolean redelivered, boolean duplicate, Duration lateBy,
                               TrustProfile profile) {

    /** A signed envelope. */
    public VerifiedEnvelope(String site, String device, String kid, SignatureAlgorithm alg, long seq, Instant issuedAt,
                            String messageId, String contentType, byte[] body, Encoding encoding, boolean redelivered,
                            boolean duplicate, Duration lateBy) {
        this(site, device, kid, alg, seq, issuedAt, messageId, contentType, body, encoding, redelivered, duplicate,
                lateBy, TrustProfile.SIGNED);
    }

    /** A signal of a profile without a Vigil signature, on time and new. */
    public VerifiedEnvelope(String site, String device, String kid, SignatureAlgorithm alg, long seq, Instant issuedAt,
                            String messageId, String contentType, byte[] body, Encoding encoding, boolean redelivered,
                            TrustProfile profile) {
        this(site, device, kid, alg, seq, issuedAt, messageId, contentType, body, encoding, redelivered, false,
                Duration.ZERO, profile);
    }

    public boolean late() {
        return !lateBy.isZero();
    }
}
