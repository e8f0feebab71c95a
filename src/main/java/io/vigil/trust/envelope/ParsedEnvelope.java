package io.vigil.trust.envelope;

import io.vigil.trust.Encoding;
import io.vigil.trust.SignatureAlgorithm;

/**
 * A well-formed envelope whose signature is not checked yet. The signed bytes are a slice of
 * {@code signedData} (for JWS the received payload itself, for COSE the Sig_structure).
 */
public record ParsedEnvelope(Encoding encoding, SignatureAlgorithm alg, String kid, Claims claims,
                             byte[] signedData, int signedOffset, int signedLength, byte[] signature) {}
