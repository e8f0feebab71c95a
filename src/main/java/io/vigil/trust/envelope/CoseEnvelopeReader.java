package io.vigil.trust.envelope;

import io.vigil.trust.Encoding;
import io.vigil.trust.SignatureAlgorithm;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * A Vigil envelope as COSE_Sign1: protected header exactly {@code {1: alg, 4: kid}}, an empty
 * unprotected header, an attached payload that is the CBOR claims map, a 64-byte signature.
 */
final class CoseEnvelopeReader {

    private static final int HEADER_ALG = 1;
    private static final int HEADER_KID = 4;

    private CoseEnvelopeReader() {}

    static ParsedEnvelope read(byte[] bytes) throws MalformedEnvelopeException {
        CoseSign1 cose = CoseSign1.parse(bytes);
        if (cose.unprotectedEntries() != 0) {
            throw new MalformedEnvelopeException("the unprotected header must be empty");
        }
        if (cose.signatureLength() != 64) {
            throw new MalformedEnvelopeException("signature must be 64 bytes");
        }
        CborReader header = new CborReader(bytes, cose.protectedOffset(), cose.protectedLength());
        if (header.count(CborReader.MAP) != 2) {
            throw new MalformedEnvelopeException("the protected header holds exactly alg (1) and kid (4)");
        }
        SignatureAlgorithm alg = null;
        String kid = null;
        for (int i = 0; i < 2; i++) {
            long label = header.integer();
            if (label == HEADER_ALG && alg == null) {
                long id = header.integer();
                alg = SignatureAlgorithm.byCoseId(id);
                if (alg == null) {
                    throw new MalformedEnvelopeException("unsupported COSE algorithm " + id);
                }
            } else if (label == HEADER_KID && kid == null) {
                header.string(CborReader.BYTES);
                kid = ascii(bytes, header.stringOffset(), header.stringLength());
                if (kid == null || !Ids.isToken(kid)) {
                    throw new MalformedEnvelopeException("invalid kid");
                }
            } else {
                throw new MalformedEnvelopeException("unexpected or repeated protected header label " + label);
            }
        }
        if (!header.atEnd()) {
            throw new MalformedEnvelopeException("bytes after the protected header map");
        }
        Claims claims = readClaims(bytes, cose.payloadOffset(), cose.payloadLength());
        byte[] signature = Arrays.copyOfRange(bytes, cose.signatureOffset(), cose.signatureOffset() + 64);
        byte[] toBeSigned = cose.toBeSigned();
        return new ParsedEnvelope(Encoding.COSE, alg, kid, claims, toBeSigned, 0, toBeSigned.length, signature);
    }

    private static Claims readClaims(byte[] bytes, int offset, int length) throws MalformedEnvelopeException {
        CborReader r = new CborReader(bytes, offset, length);
        int entries = r.count(CborReader.MAP);
        ClaimsBuilder claims = new ClaimsBuilder();
        for (int i = 0; i < entries; i++) {
            r.string(CborReader.TEXT);
            String name = ascii(bytes, r.stringOffset(), r.stringLength());
            if (name == null) {
                throw new MalformedEnvelopeException("unknown claim");
            }
            switch (name) {
                case "v" -> claims.version(r.integer());
                case "site" -> claims.site(text(r, bytes));
                case "dev" -> claims.device(text(r, bytes));
                case "seq" -> claims.seq(r.head(CborReader.UNSIGNED));
                case "iat" -> {
                    if (r.peekMajor() == CborReader.UNSIGNED) {
                        long seconds = r.head(CborReader.UNSIGNED);
                        if (seconds > Claims.MAX_IAT_SECONDS) {
                            throw new MalformedEnvelopeException("iat out of range");
                        }
                        claims.issuedAt(Instant.ofEpochSecond(seconds));
                    } else {
                        claims.issuedAtSeconds(r.floatingPoint());
                    }
                }
                case "mid" -> claims.messageId(text(r, bytes));
                case "ct" -> claims.contentType(text(r, bytes));
                case "body" -> {
                    int major = r.peekMajor();
                    if (major != CborReader.BYTES && major != CborReader.TEXT) {
                        throw new MalformedEnvelopeException("body must be a byte or text string");
                    }
                    r.string(major);
                    if (major == CborReader.TEXT && !Utf8.isValid(bytes, r.stringOffset(), r.stringLength())) {
                        throw new MalformedEnvelopeException("body text is not UTF-8");
                    }
                    claims.body(Arrays.copyOfRange(bytes, r.stringOffset(), r.stringOffset() + r.stringLength()));
                }
                default -> throw new MalformedEnvelopeException("unknown claim " + io.vigil.support.LogSafe.quote(name));
            }
        }
        if (!r.atEnd()) {
            throw new MalformedEnvelopeException("bytes after the claims map");
        }
        return claims.build();
    }

    /** Identifier claims are ASCII by contract; anything else fails their alphabet check. */
    private static String text(CborReader r, byte[] bytes) throws MalformedEnvelopeException {
        r.string(CborReader.TEXT);
        String s = ascii(bytes, r.stringOffset(), r.stringLength());
        return s == null ? "\ufffd" : s;
    }

    private static String ascii(byte[] bytes, int offset, int length) {
        return Ids.isAscii(bytes, offset, length) ? new String(bytes, offset, length, StandardCharsets.ISO_8859_1) : null;
    }
}
