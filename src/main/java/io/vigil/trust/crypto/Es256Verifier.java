package io.vigil.trust.crypto;

import io.vigil.trust.SignatureAlgorithm;
import java.math.BigInteger;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * ECDSA P-256 / SHA-256 with the JOSE and COSE signature format: r||s, 32 bytes each. The key's
 * point object is kept for the life of the key so BC's cached multiplication tables are reused.
 */
public final class Es256Verifier implements SignatureVerifier {

    private final ECPublicKeyParameters key;

    Es256Verifier(ECPublicKeyParameters key) {
        this.key = key;
    }

    /** The validated key as SubjectPublicKeyInfo DER (named curve). */
    byte[] subjectPublicKeyInfo() {
        try {
            return org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key).getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot encode a P-256 public key", e);
        }
    }

    @Override
    public SignatureAlgorithm algorithm() {
        return SignatureAlgorithm.ES256;
    }

    @Override
    public boolean verify(byte[] message, int offset, int length, byte[] signature) {
        if (signature.length != 64) {
            return false;
        }
        SHA256Digest sha256 = new SHA256Digest();
        sha256.update(message, offset, length);
        byte[] hash = new byte[32];
        sha256.doFinal(hash, 0);
        BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 32, 64));
        ECDSASigner ecdsa = new ECDSASigner();
        ecdsa.init(false, key);
        return ecdsa.verifySignature(hash, r, s);
    }
}
