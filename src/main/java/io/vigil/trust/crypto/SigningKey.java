package io.vigil.trust.crypto;

import io.vigil.trust.SignatureAlgorithm;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * A device's private signing key (the device side of the contract): generates, encodes as PKCS#8,
 * signs with the envelope's signature format (Ed25519, or ECDSA P-256 as r||s with deterministic
 * nonces per RFC 6979).
 */
public final class SigningKey {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SignatureAlgorithm alg;
    private final AsymmetricKeyParameter privateKey;
    private final AsymmetricKeyParameter publicKey;

    private SigningKey(SignatureAlgorithm alg, AsymmetricKeyParameter privateKey, AsymmetricKeyParameter publicKey) {
        this.alg = alg;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    public static SigningKey generate(SignatureAlgorithm alg) {
        AsymmetricCipherKeyPair pair = switch (alg) {
            case EDDSA -> {
                Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
                generator.init(new Ed25519KeyGenerationParameters(RANDOM));
                yield generator.generateKeyPair();
            }
            case ES256 -> {
                ECKeyPairGenerator generator = new ECKeyPairGenerator();
                generator.init(new ECKeyGenerationParameters(PublicKeys.P256_DOMAIN, RANDOM));
                yield generator.generateKeyPair();
            }
        };
        return new SigningKey(alg, pair.getPrivate(), pair.getPublic());
    }

    /** From PKCS#8 DER ({@code PrivateKeyInfo}); the algorithm follows from the key. */
    public static SigningKey fromPkcs8(byte[] der) {
        try {
            AsymmetricKeyParameter key = PrivateKeyFactory.createKey(PrivateKeyInfo.getInstance(der));
            if (key instanceof Ed25519PrivateKeyParameters ed) {
                return new SigningKey(SignatureAlgorithm.EDDSA, ed, ed.generatePublicKey());
            }
            if (key instanceof ECPrivateKeyParameters ec && ec.getParameters().getCurve().equals(PublicKeys.P256.getCurve())) {
                var q = PublicKeys.P256.getG().multiply(ec.getD()).normalize();
                return new SigningKey(SignatureAlgorithm.ES256,
                        new ECPrivateKeyParameters(ec.getD(), PublicKeys.P256_DOMAIN),
                        new ECPublicKeyParameters(q, PublicKeys.P256_DOMAIN));
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a PKCS#8 Ed25519 or P-256 private key", e);
        }
        throw new IllegalArgumentException("not a PKCS#8 Ed25519 or P-256 private key");
    }

    public SignatureAlgorithm algorithm() {
        return alg;
    }

    public byte[] pkcs8() {
        try {
            if (privateKey instanceof Ed25519PrivateKeyParameters ed) {
                // RFC 8410 PKCS#8 v1 (no public key): Bouncy Castle's default is RFC 5958 v2, which OpenSSL 3.0 refuses
                return new PrivateKeyInfo(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                        org.bouncycastle.asn1.edec.EdECObjectIdentifiers.id_Ed25519),
                        new org.bouncycastle.asn1.DEROctetString(ed.getEncoded())).getEncoded();
            }
            return PrivateKeyInfoFactory.createPrivateKeyInfo(privateKey).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode private key", e);
        }
    }

    /** The public key as SubjectPublicKeyInfo DER, as the registry stores it. */
    public byte[] subjectPublicKeyInfo() {
        try {
            return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode public key", e);
        }
    }

    public AsymmetricKeyParameter publicKey() {
        return publicKey;
    }

    /** A 64-byte signature over the message. */
    public byte[] sign(byte[] message) {
        return switch (alg) {
            case EDDSA -> {
                byte[] signature = new byte[64];
                ((Ed25519PrivateKeyParameters) privateKey).sign(org.bouncycastle.math.ec.rfc8032.Ed25519.Algorithm.Ed25519,
                        (org.bouncycastle.crypto.params.Ed25519PublicKeyParameters) publicKey, null,
                        message, 0, message.length, signature, 0);
                yield signature;
            }
            case ES256 -> {
                SHA256Digest sha256 = new SHA256Digest();
                sha256.update(message, 0, message.length);
                byte[] hash = new byte[32];
                sha256.doFinal(hash, 0);
                ECDSASigner ecdsa = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
                ecdsa.init(true, privateKey);
                BigInteger[] rs = ecdsa.generateSignature(hash);
                byte[] signature = new byte[64];
                copyUnsigned(rs[0], signature, 0);
                copyUnsigned(rs[1], signature, 32);
                yield signature;
            }
        };
    }

    private static void copyUnsigned(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 32 ? bytes.length - 32 : 0;
        int length = bytes.length - start;
        System.arraycopy(bytes, start, out, offset + 32 - length, length);
    }
}
