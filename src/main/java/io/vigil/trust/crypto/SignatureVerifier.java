package io.vigil.trust.crypto;

import io.vigil.trust.SignatureAlgorithm;

/**
 * Checks signatures against one public key, parsed once when the key is loaded. Implementations
 * are immutable and safe for concurrent use.
 */
public sealed interface SignatureVerifier permits Ed25519Verifier, Es256Verifier, AccpVerifier {

    SignatureAlgorithm algorithm();

    /** True when {@code signature} (64 bytes) signs {@code message[offset, offset + length)}. */
    boolean verify(byte[] message, int offset, int length, byte[] signature);
}
