package io.vigil.trust;

import java.time.Instant;

/**
 * An envelope whose signature, key, freshness and uniqueness were checked. Everything in it comes
 * from the site: still data, still to be escaped before it reaches a log. {@code body} is not
 * copied: do not modify it.
 */
public record VerifiedEnvelope(String site, String device, String kid, SignatureAlgorithm alg, long seq,
                               Instant issuedAt, String messageId, String contentType, byte[] body,
                               Encoding encoding, boolean redelivered) {}
