package io.vigil.trust.crypto;

import io.vigil.trust.SignatureAlgorithm;
import java.io.IOException;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/** Turns the registry's SubjectPublicKeyInfo bytes into a {@link SignatureVerifier} of the stated algorithm. */
public final class PublicKeys {

    static final X9ECParameters P256 = ECNamedCurveTable.getByOID(SECObjectIdentifiers.secp256r1);
    static final ECNamedDomainParameters P256_DOMAIN = new ECNamedDomainParameters(SECObjectIdentifiers.secp256r1, P256);

    private PublicKeys() {}

    public static SignatureVerifier verifier(SignatureAlgorithm alg, byte[] subjectPublicKeyInfo)
            throws InvalidPublicKeyException {
        AsymmetricKeyParameter key;
        try {
            key = PublicKeyFactory.createKey(SubjectPublicKeyInfo.getInstance(subjectPublicKeyInfo));
        } catch (IOException | RuntimeException e) {
            throw new InvalidPublicKeyException("not a SubjectPublicKeyInfo: " + e.getMessage());
        }
        return switch (alg) {
            case EDDSA -> {
                if (!(key instanceof Ed25519PublicKeyParameters ed)) {
                    throw new InvalidPublicKeyException("EdDSA needs an Ed25519 key");
                }
                yield Ed25519Verifier.fromRaw(ed.getEncoded());
            }
            case ES256 -> {
                if (!(key instanceof ECPublicKeyParameters ec) || !ec.getParameters().getCurve().equals(P256.getCurve())) {
                    throw new InvalidPublicKeyException("ES256 needs a P-256 key");
                }
                yield new Es256Verifier(new ECPublicKeyParameters(ec.getQ().normalize(), P256_DOMAIN));
            }
        };
    }

    /** An ES256 verifier from raw affine coordinates (as in a JWK), for known-answer tests and tools. */
    public static SignatureVerifier es256(byte[] x, byte[] y) throws InvalidPublicKeyException {
        try {
            var point = P256.getCurve().createPoint(new java.math.BigInteger(1, x), new java.math.BigInteger(1, y));
            if (!point.isValid()) {
                throw new InvalidPublicKeyException("not a point of P-256");
            }
            return new Es256Verifier(new ECPublicKeyParameters(point, P256_DOMAIN));
        } catch (IllegalArgumentException e) {
            throw new InvalidPublicKeyException("not a point of P-256");
        }
    }
}
