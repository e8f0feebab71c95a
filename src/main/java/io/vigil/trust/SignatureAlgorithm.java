package io.vigil.trust;

/** The signature algorithms an envelope may use, with their JOSE names and COSE identifiers. */
public enum SignatureAlgorithm {
    /** Ed25519 (RFC 8032) as JOSE "EdDSA" (RFC 8037) and COSE -8. */
    EDDSA("EdDSA", -8),
    /** ECDSA P-256 with SHA-256, signature as raw r||s (64 bytes). */
    ES256("ES256", -7);

    private final String joseName;
    private final int coseId;

    SignatureAlgorithm(String joseName, int coseId) {
        this.joseName = joseName;
        this.coseId = coseId;
    }

    public String joseName() {
        return joseName;
    }

    public int coseId() {
        return coseId;
    }

    /** Both algorithms produce 64-byte signatures. */
    public int signatureLength() {
        return 64;
    }

    /** By JOSE name ({@code EdDSA}, {@code ES256}); null when not one of ours. */
    public static SignatureAlgorithm byJoseName(String name) {
        if ("EdDSA".equals(name)) {
            return EDDSA;
        }
        if ("ES256".equals(name)) {
            return ES256;
        }
        return null;
    }

    /** The JOSE name or an error for anything else: for config and CLI input. */
    public static SignatureAlgorithm parse(String name) {
        SignatureAlgorithm alg = byJoseName(name);
        if (alg == null) {
            throw new IllegalArgumentException("unsupported signature algorithm (use EdDSA or ES256)");
        }
        return alg;
    }

    /** By COSE identifier; null when not one of ours. */
    public static SignatureAlgorithm byCoseId(long id) {
        if (id == -8) {
            return EDDSA;
        }
        if (id == -7) {
            return ES256;
        }
        return null;
    }
}
