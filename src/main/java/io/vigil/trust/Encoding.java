package io.vigil.trust;

/** The two encodings of the same signed claims. */
public enum Encoding {
    /** JWS compact serialization (RFC 7515), payload = JSON claims. */
    JWS,
    /** COSE_Sign1 (RFC 9052), tag 18, payload = CBOR claims map. */
    COSE,
    /** Not an envelope: the raw payload of a dc09-aes, owntracks-secret or transport-only site. */
    RAW
}
