package io.vigil.trust.envelope;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.impl.BaseJWSProvider;
import com.nimbusds.jose.util.Base64URL;
import io.vigil.trust.Encoding;
import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.crypto.SigningKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;

/**
 * The device side of the contract: signs claims into either encoding. JWS goes through
 * nimbus-jose-jwt (header and compact serialization) with the signature from {@link SigningKey}.
 */
public final class EnvelopeWriter {

    private static final JsonFactory JSON = new JsonFactory();

    private EnvelopeWriter() {}

    public static byte[] write(Encoding encoding, Claims claims, String kid, SigningKey key) {
        return switch (encoding) {
            case JWS -> jws(claims, kid, key);
            case COSE -> cose(claims, kid, key);
            case RAW -> throw new IllegalArgumentException("a raw signal is not an envelope: nothing to sign");
        };
    }

    /** JWS compact; the body must be UTF-8 text (use COSE for binary bodies). */
    public static byte[] jws(Claims claims, String kid, SigningKey key) {
        JWSAlgorithm alg = key.algorithm() == SignatureAlgorithm.EDDSA ? JWSAlgorithm.EdDSA : JWSAlgorithm.ES256;
        JWSHeader header = new JWSHeader.Builder(alg).keyID(kid).type(new JOSEObjectType(JwsEnvelopeReader.TYPE)).build();
        JWSObject jws = new JWSObject(header, new Payload(claimsJson(claims)));
        try {
            jws.sign(new NimbusSigner(key, alg));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign JWS", e);
        }
        return jws.serialize().getBytes(StandardCharsets.US_ASCII);
    }

    /** Tagged COSE_Sign1 with protected {1: alg, 4: kid}, empty unprotected header, body as a byte string. */
    public static byte[] cose(Claims claims, String kid, SigningKey key) {
        byte[] protectedHeader = new CborWriter().head(CborReader.MAP, 2)
                .integer(1).integer(key.algorithm().coseId())
                .integer(4).bytes(kid.getBytes(StandardCharsets.US_ASCII))
                .toByteArray();
        byte[] payload = claimsCbor(claims);
        byte[] signature = key.sign(CoseSign1.toBeSigned(protectedHeader, 0, protectedHeader.length, payload, 0,
                payload.length));
        return new CborWriter().head(CborReader.TAG, CoseSign1.TAG).head(CborReader.ARRAY, 4)
                .bytes(protectedHeader)
                .head(CborReader.MAP, 0)
                .bytes(payload)
                .bytes(signature)
                .toByteArray();
    }

    static byte[] claimsJson(Claims c) {
        String body;
        try {
            body = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(c.body())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("a JWS body is UTF-8 text; send binary bodies as COSE");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + c.body().length);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("v", c.version());
            g.writeStringField("site", c.site());
            g.writeStringField("dev", c.device());
            g.writeNumberField("seq", c.seq());
            g.writeFieldName("iat");
            if (c.issuedAt().getNano() == 0) {
                g.writeNumber(c.issuedAt().getEpochSecond());
            } else {
                g.writeNumber(numericDate(c.issuedAt()));
            }
            g.writeStringField("mid", c.messageId());
            g.writeStringField("ct", c.contentType());
            g.writeStringField("body", body);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] claimsCbor(Claims c) {
        CborWriter w = new CborWriter().head(CborReader.MAP, 8);
        w.text("v").integer(c.version());
        w.text("site").text(c.site());
        w.text("dev").text(c.device());
        w.text("seq").integer(c.seq());
        w.text("iat");
        if (c.issuedAt().getNano() == 0) {
            w.integer(c.issuedAt().getEpochSecond());
        } else {
            w.doubleValue(numericDate(c.issuedAt()).doubleValue());
        }
        w.text("mid").text(c.messageId());
        w.text("ct").text(c.contentType());
        w.text("body").bytes(c.body());
        return w.toByteArray();
    }

    private static BigDecimal numericDate(Instant at) {
        return BigDecimal.valueOf(at.getEpochSecond()).add(BigDecimal.valueOf(at.getNano(), 9)).stripTrailingZeros();
    }

    /** Lets nimbus assemble the JWS while the signature comes from Bouncy Castle (nimbus' own EdDSA needs Tink). */
    private static final class NimbusSigner extends BaseJWSProvider implements JWSSigner {
        private final SigningKey key;

        NimbusSigner(SigningKey key, JWSAlgorithm alg) {
            super(Set.of(alg));
            this.key = key;
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) {
            return Base64URL.encode(key.sign(signingInput));
        }
    }
}
