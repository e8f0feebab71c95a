package io.vigil.trust.envelope;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vigil.support.LogSafe;
import io.vigil.trust.Encoding;
import io.vigil.trust.SignatureAlgorithm;
import java.io.IOException;
import java.time.Instant;

/**
 * A Vigil envelope as JWS compact serialization: protected header exactly
 * {@code {"alg","kid","typ":"vigil-envelope+jws"}}, payload the JSON claims, a 64-byte signature.
 * The signing input is the received bytes up to the second dot, so nothing is re-encoded.
 */
final class JwsEnvelopeReader {

    static final String TYPE = "vigil-envelope+jws";
    private static final JsonFactory JSON = new JsonFactory();

    private JwsEnvelopeReader() {}

    static ParsedEnvelope read(byte[] bytes) throws MalformedEnvelopeException {
        int firstDot = -1;
        int secondDot = -1;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '.') {
                if (firstDot < 0) {
                    firstDot = i;
                } else if (secondDot < 0) {
                    secondDot = i;
                } else {
                    throw new MalformedEnvelopeException("a JWS compact serialization has three parts");
                }
            }
        }
        if (secondDot < 0) {
            throw new MalformedEnvelopeException("a JWS compact serialization has three parts");
        }
        byte[] header = Base64Url.decode(bytes, 0, firstDot);
        byte[] payload = Base64Url.decode(bytes, firstDot + 1, secondDot - firstDot - 1);
        byte[] signature = Base64Url.decode(bytes, secondDot + 1, bytes.length - secondDot - 1);
        if (signature.length != 64) {
            throw new MalformedEnvelopeException("signature must be 64 bytes");
        }
        try {
            Header h = readHeader(header);
            Claims claims = readClaims(payload);
            return new ParsedEnvelope(Encoding.JWS, h.alg, h.kid, claims, bytes, 0, secondDot, signature);
        } catch (JacksonException e) {
            throw new MalformedEnvelopeException("invalid JSON");
        } catch (IOException e) {
            throw new MalformedEnvelopeException("unreadable JSON");
        }
    }

    private record Header(SignatureAlgorithm alg, String kid) {}

    private static Header readHeader(byte[] json) throws IOException, MalformedEnvelopeException {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedEnvelopeException("JWS header is not a JSON object");
            }
            SignatureAlgorithm alg = null;
            String kid = null;
            boolean typed = false;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                switch (name) {
                    case "alg" -> {
                        if (alg != null) {
                            throw new MalformedEnvelopeException("duplicate header alg");
                        }
                        String value = string(p, "alg");
                        alg = SignatureAlgorithm.byJoseName(value);
                        if (alg == null) {
                            throw new MalformedEnvelopeException("unsupported alg " + LogSafe.quote(value));
                        }
                    }
                    case "kid" -> {
                        if (kid != null) {
                            throw new MalformedEnvelopeException("duplicate header kid");
                        }
                        kid = string(p, "kid");
                        if (!Ids.isToken(kid)) {
                            throw new MalformedEnvelopeException("invalid kid " + LogSafe.quote(kid));
                        }
                    }
                    case "typ" -> {
                        if (typed) {
                            throw new MalformedEnvelopeException("duplicate header typ");
                        }
                        if (!TYPE.equals(string(p, "typ"))) {
                            throw new MalformedEnvelopeException("typ must be " + TYPE);
                        }
                        typed = true;
                    }
                    default -> throw new MalformedEnvelopeException("unexpected header parameter " + LogSafe.quote(name));
                }
            }
            end(p, t);
            if (alg == null || kid == null || !typed) {
                throw new MalformedEnvelopeException("the JWS header needs alg, kid and typ");
            }
            return new Header(alg, kid);
        }
    }

    private static Claims readClaims(byte[] json) throws IOException, MalformedEnvelopeException {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedEnvelopeException("JWS payload is not a JSON object");
            }
            ClaimsBuilder claims = new ClaimsBuilder();
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                switch (name) {
                    case "v" -> claims.version(integer(p, "v"));
                    case "site" -> claims.site(string(p, "site"));
                    case "dev" -> claims.device(string(p, "dev"));
                    case "seq" -> claims.seq(integer(p, "seq"));
                    case "iat" -> {
                        JsonToken value = p.nextToken();
                        if (value == JsonToken.VALUE_NUMBER_INT) {
                            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                                    || p.getLongValue() > Claims.MAX_IAT_SECONDS || p.getLongValue() < 0) {
                                throw new MalformedEnvelopeException("iat out of range");
                            }
                            claims.issuedAt(Instant.ofEpochSecond(p.getLongValue()));
                        } else if (value == JsonToken.VALUE_NUMBER_FLOAT) {
                            claims.issuedAtSeconds(p.getDoubleValue());
                        } else {
                            throw new MalformedEnvelopeException("iat must be a number");
                        }
                    }
                    case "mid" -> claims.messageId(string(p, "mid"));
                    case "ct" -> claims.contentType(string(p, "ct"));
                    case "body" -> claims.body(Utf8.encodeStrict(string(p, "body")));
                    default -> throw new MalformedEnvelopeException("unknown claim " + LogSafe.quote(name));
                }
            }
            end(p, t);
            return claims.build();
        }
    }

    private static void end(JsonParser p, JsonToken last) throws IOException, MalformedEnvelopeException {
        if (last != JsonToken.END_OBJECT || p.nextToken() != null) {
            throw new MalformedEnvelopeException("JSON object expected, nothing after it");
        }
    }

    private static String string(JsonParser p, String name) throws IOException, MalformedEnvelopeException {
        if (p.nextToken() != JsonToken.VALUE_STRING) {
            throw new MalformedEnvelopeException(name + " must be a string");
        }
        return p.getText();
    }

    private static long integer(JsonParser p, String name) throws IOException, MalformedEnvelopeException {
        if (p.nextToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new MalformedEnvelopeException(name + " must be an integer in 0..2^63-1");
        }
        return p.getLongValue();
    }
}
