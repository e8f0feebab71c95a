package io.vigil.trust;

import java.time.Duration;
import java.time.Instant;

/**
 * An envelope whose signature, key, freshness and uniqueness were checked. Everything in it comes
 * from the site: still data, still to be escaped before it reaches a log. {@code body} is not
 * copied: do not modify it.
 *
 * @param redelivered a broker redelivery (MQTT DUP) of an envelope seen before
 * @param duplicate   a delivery of an envelope accepted before with the same id and bytes (same event id)
 * @param lateBy      receipt minus issue time when that exceeds the freshness window, else zero
 */
public record VerifiedEnvelope(String site, String device, String kid, SignatureAlgorithm alg, long seq,
                               Instant issuedAt, String messageId, String contentType, byte[] body,
                               Encoding encoding, boolean redelivered, boolean duplicate, Duration lateBy) {

    public boolean late() {
        return !lateBy.isZero();
    }
}
