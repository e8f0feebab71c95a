package io.vigil.trust.crypto;

import io.vigil.trust.SignatureAlgorithm;
import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Turns the registry's SubjectPublicKeyInfo bytes into a {@link SignatureVerifier} of the stated
 * algorithm, by the {@link CryptoProviders#active() active provider}. Keys are decoded and validated
 * by Bouncy Castle whichever provider verifies, so both refuse the same keys.
 */
public final class PublicKeys {

    static final X9ECParameters P256 = ECNamedCurveTable.getByOID(SECObjectIdentifiers.secp256r1);
    static final ECNamedDomainParameters P256_DOMAIN = new ECNamedDomainParameters(SECObjectIdentifiers.secp256r1, P256);

    private PublicKeys() {}

    public static SignatureVerifier verifier(SignatureAlgorithm alg, byte[] subjectPublicKeyInfo)
            throws InvalidPublicKeyException {
        return verifier(CryptoProviders.active(), alg, subjectPublicKeyInfo);
    }

    /** As {@link #verifier(SignatureAlgorithm, byte[])} by a given provider, for tests and the benchmark. */
    public static SignatureVerifier verifier(CryptoProvider provider, SignatureAlgorithm alg, byte[] subjectPublicKeyInfo)
            throws InvalidPublicKeyException {
        SignatureVerifier bouncyCastle = bouncyCastle(alg, subjectPublicKeyInfo);
        return provider == CryptoProvider.ACCP ? accp(bouncyCastle) : bouncyCastle;
    }

    private static SignatureVerifier bouncyCastle(SignatureAlgorithm alg, byte[] subjectPublicKeyInfo)
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

    /** The same key, validated by Bouncy Castle, as a JCA key for ACCP's verifier; made once per key. */
    private static SignatureVerifier accp(SignatureVerifier validated) {
        try {
            if (validated instanceof Ed25519Verifier ed) {
                return new AccpVerifier(SignatureAlgorithm.EDDSA,
                        KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(ed.subjectPublicKeyInfo())));
            }
            Es256Verifier ec = (Es256Verifier) validated;
            return new AccpVerifier(SignatureAlgorithm.ES256, KeyFactory.getInstance("EC", AmazonCorrettoCryptoProvider.INSTANCE)
                    .generatePublic(new X509EncodedKeySpec(ec.subjectPublicKeyInfo())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a validated public key cannot be handed to ACCP", e);
        }
    }

    /** An Ed25519 verifier from the 32-byte encoded key (as in a JWK or RFC 8032), for known-answer tests and tools. */
    public static SignatureVerifier ed25519(CryptoProvider provider, byte[] publicKey) throws InvalidPublicKeyException {
        Ed25519Verifier bouncyCastle = Ed25519Verifier.fromRaw(publicKey);
        return provider == CryptoProvider.ACCP ? accp(bouncyCastle) : bouncyCastle;
    }

    /** An ES256 verifier from raw affine coordinates (as in a JWK), for known-answer tests and tools. */
    public static SignatureVerifier es256(byte[] x, byte[] y) throws InvalidPublicKeyException {
        return es256(CryptoProviders.active(), x, y);
    }

    /** As {@link #es256(byte[], byte[])} by a given provider. */
    public static SignatureVerifier es256(CryptoProvider provider, byte[] x, byte[] y) throws InvalidPublicKeyException {
        Es256Verifier bouncyCastle = bouncyCastleEs256(x, y);
        return provider == CryptoProvider.ACCP ? accp(bouncyCastle) : bouncyCastle;
    }

    private static Es256Verifier bouncyCastleEs256(byte[] x, byte[] y) throws InvalidPublicKeyException {
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
