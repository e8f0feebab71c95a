package io.vigil.trust.crypto;

import io.vigil.trust.SignatureAlgorithm;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 (RFC 8032, pure) over Bouncy Castle's low-level implementation: the public point is
 * decoded and validated once here, not per signature, which is most of the cost of BC's key object
 * path and why the JDK's provider is several times slower.
 */
public final class Ed25519Verifier implements SignatureVerifier {

    static {
        Ed25519.precompute();
    }

    private static final byte[] SPKI_PREFIX = java.util.HexFormat.of().parseHex("302a300506032b6570032100");

    private final Ed25519.PublicPoint point;
    private final byte[] encoded;

    private Ed25519Verifier(Ed25519.PublicPoint point, byte[] encoded) {
        this.point = point;
        this.encoded = encoded;
    }

    /** From the 32-byte encoded public key; refuses encodings that are not a valid point of the prime-order subgroup. */
    public static Ed25519Verifier fromRaw(byte[] publicKey) throws InvalidPublicKeyException {
        if (publicKey.length != Ed25519.PUBLIC_KEY_SIZE) {
            throw new InvalidPublicKeyException("an Ed25519 public key is 32 bytes");
        }
        Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(publicKey, 0);
        if (point == null) {
            throw new InvalidPublicKeyException("not a valid Ed25519 public key");
        }
        return new Ed25519Verifier(point, publicKey.clone());
    }

    /** The validated key as RFC 8410 SubjectPublicKeyInfo DER. */
    byte[] subjectPublicKeyInfo() {
        byte[] spki = java.util.Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + encoded.length);
        System.arraycopy(encoded, 0, spki, SPKI_PREFIX.length, encoded.length);
        return spki;
    }

    @Override
    public SignatureAlgorithm algorithm() {
        return SignatureAlgorithm.EDDSA;
    }

    @Override
    public boolean verify(byte[] message, int offset, int length, byte[] signature) {
        return signature.length == Ed25519.SIGNATURE_SIZE && Ed25519.verify(signature, 0, point, message, offset, length);
    }
}
