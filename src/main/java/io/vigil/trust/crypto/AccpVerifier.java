package io.vigil.trust.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import io.vigil.trust.SignatureAlgorithm;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;

/**
 * Ed25519 or ES256 (r||s) verification by Amazon Corretto Crypto Provider. The key is a JCA key made
 * once, after {@link PublicKeys} has validated it with Bouncy Castle: AWS-LC itself accepts
 * non-canonical and small-order Ed25519 keys, which the registry must not. A JCA {@code Signature} is
 * not thread-safe, so each thread keeps one per algorithm and initialises it with the key per call
 * (ACCP reuses its native copy of the key while the same key object comes back; another key costs
 * well under 1 µs).
 */
public final class AccpVerifier implements SignatureVerifier {

    private static final ThreadLocal<Signature> ED25519 = ThreadLocal.withInitial(() -> signature("Ed25519"));
    private static final ThreadLocal<Signature> ES256 = ThreadLocal.withInitial(() -> signature("SHA256withECDSAinP1363Format"));

    private final SignatureAlgorithm alg;
    private final PublicKey key;

    AccpVerifier(SignatureAlgorithm alg, PublicKey key) {
        this.alg = alg;
        this.key = key;
    }

    @Override
    public SignatureAlgorithm algorithm() {
        return alg;
    }

    @Override
    public boolean verify(byte[] message, int offset, int length, byte[] signature) {
        if (signature.length != 64) {
            return false;
        }
        Signature verifier = (alg == SignatureAlgorithm.EDDSA ? ED25519 : ES256).get();
        try {
            verifier.initVerify(key);
            verifier.update(message, offset, length);
            return verifier.verify(signature);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("ACCP refused a key that was validated when loaded", e);
        } catch (SignatureException e) {
            return false; // malformed signature encoding: not a valid signature
        }
    }

    private static Signature signature(String name) {
        try {
            return Signature.getInstance(name, AmazonCorrettoCryptoProvider.INSTANCE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ACCP has no " + name, e);
        }
    }
}
