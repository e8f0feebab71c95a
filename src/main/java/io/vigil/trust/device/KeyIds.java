package io.vigil.trust.device;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import io.vigil.trust.crypto.SigningKey;
import java.math.BigInteger;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/** Key ids are RFC 7638 JWK thumbprints (SHA-256, base64url): derived from the key, unique per key, 43 characters. */
public final class KeyIds {

    private KeyIds() {}

    public static String thumbprint(SigningKey key) {
        try {
            return switch (key.algorithm()) {
                case EDDSA -> new OctetKeyPair.Builder(Curve.Ed25519,
                        Base64URL.encode(((Ed25519PublicKeyParameters) key.publicKey()).getEncoded()))
                        .build().computeThumbprint().toString();
                case ES256 -> {
                    ECPublicKeyParameters ec = (ECPublicKeyParameters) key.publicKey();
                    yield new ECKey.Builder(Curve.P_256,
                            Base64URL.encode(fixed32(ec.getQ().getAffineXCoord().toBigInteger())),
                            Base64URL.encode(fixed32(ec.getQ().getAffineYCoord().toBigInteger())))
                            .build().computeThumbprint().toString();
                }
            };
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot compute key thumbprint", e);
        }
    }

    private static byte[] fixed32(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[32];
        int start = Math.max(0, bytes.length - 32);
        System.arraycopy(bytes, start, out, 32 - (bytes.length - start), bytes.length - start);
        return out;
    }
}
